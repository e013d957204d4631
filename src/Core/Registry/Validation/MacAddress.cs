using System.Globalization;

namespace PveAgent.Core.Registry.Validation;

/// <summary>Parses a MAC address written as six hexadecimal pairs separated by ':' or '-'.</summary>
internal static class MacAddress
{
    /// <summary>The address as <c>AA:BB:CC:DD:EE:FF</c>, or null when <paramref name="text"/> is not a MAC address.</summary>
    public static string? Normalize(string text)
    {
        var separator = text.Contains('-', StringComparison.Ordinal) ? '-' : ':';
        var parts = text.Split(separator);
        return parts.Length == 6 && parts.All(IsHexPair)
            ? string.Join(':', parts).ToUpperInvariant()
            : null;
    }

    internal static bool IsHexPair(string part) =>
        part.Length == 2 && byte.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
}
