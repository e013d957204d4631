using System.Text;
using System.Text.Json;
using PveAgent.Simulator.Proxmox.Schema;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>Reads parameters from a query string, a form body or a JSON body, as pve-http-server accepts them.</summary>
internal static class RequestParameters
{
    /// <summary>Parses <c>a=1&amp;b=x%20y</c> (later duplicates win).</summary>
    public static Dictionary<string, ParameterValue> FromUrlEncoded(string text)
    {
        var result = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            result[key] = new ParameterValue(value);
        }

        return result;
    }

    /// <summary>Parses a JSON object body; returns null when it is not one.</summary>
    public static Dictionary<string, ParameterValue>? FromJson(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.True:
                        result[property.Name] = new ParameterValue("1", IsJsonBoolean: true);
                        break;
                    case JsonValueKind.False:
                        result[property.Name] = new ParameterValue("0", IsJsonBoolean: true);
                        break;
                    case JsonValueKind.String:
                        result[property.Name] = new ParameterValue(value.GetString()!);
                        break;
                    case JsonValueKind.Number:
                        result[property.Name] = new ParameterValue(value.GetRawText());
                        break;
                    default:
                        // Arrays (e.g. delete as a list) are accepted by PVE's JSON reader joined with the list separator.
                        result[property.Name] = new ParameterValue(value.ValueKind == JsonValueKind.Array
                            ? string.Join(',', value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
                            : value.GetRawText());
                        break;
                }
            }

            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Decodes one form/URL component (<c>+</c> is a space).</summary>
    public static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>Body text as UTF-8.</summary>
    public static string Utf8(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);
}
