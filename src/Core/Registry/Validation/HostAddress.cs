using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PveAgent.Core.Registry.Validation;

/// <summary>Checks that a host is an IPv4 address, an IPv6 address or an RFC 1123 hostname.</summary>
internal static class HostAddress
{
    /// <summary>Null when <paramref name="host"/> is usable, otherwise why it is not (a sentence fragment).</summary>
    public static string? Problem(string host)
    {
        if (host.Contains("://", StringComparison.Ordinal))
        {
            return "it is a URL; write only the address, without 'https://', a port or a path";
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return null;
            }

            var colon = host.LastIndexOf(':');
            return colon > 0 && colon < host.Length - 1 && host[(colon + 1)..].All(char.IsAsciiDigit) && !host[..colon].Contains(':', StringComparison.Ordinal)
                ? $"it includes a port; write the port separately and the host as '{host[..colon]}'"
                : "it is not a valid IPv6 address";
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length == 0)
        {
            return "it is empty";
        }

        var labels = name.Split('.');
        var numeric = labels.Count(l => l.Length > 0 && l.All(char.IsAsciiDigit));

        // Four dot-separated parts starting with a number, or only numbers, is someone writing an IPv4 address.
        if (numeric == labels.Length || (labels.Length == 4 && numeric >= 1 && labels[0].All(char.IsAsciiDigit) && labels[0].Length > 0))
        {
            return Ipv4Problem(labels);
        }

        if (name.Length > 253)
        {
            return "a hostname is at most 253 characters long";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return "it has an empty part between dots";
            }

            if (label.Length > 63)
            {
                return $"the part '{label}' is longer than 63 characters";
            }

            if (label.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-') is var bad and not '\0')
            {
                return $"it contains '{bad}'; a hostname may only contain letters, digits, '-' and '.'";
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return $"the part '{label}' starts or ends with '-'";
            }
        }

        return null;
    }

    private static string? Ipv4Problem(string[] parts)
    {
        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Length > 3 || !part.All(char.IsAsciiDigit) || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return $"'{part}' is not a number from 0 to 255";
            }
        }

        return parts.Length == 4 ? null : $"an IPv4 address has 4 numbers, this has {parts.Length}";
    }
}
