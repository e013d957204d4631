using System.Text;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// PVE property strings (<c>[default=]value,key=value,…</c>, as in <c>hostpci0</c>, <c>net0</c> or mapping entries) and
/// PVE lists (tags: separated by <c>;</c>, <c>,</c> or spaces).
/// </summary>
internal static class PropertyString
{
    /// <summary>Splits a property string into key/value pairs in order; a leading item without <c>=</c> gets <paramref name="defaultKey"/>.</summary>
    /// <remarks>Values may be double-quoted to contain commas (PVE quotes e.g. descriptions); quotes are removed.</remarks>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text, string? defaultKey = null)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var item in SplitItems(text))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (defaultKey is not null && result.Count == 0)
                {
                    result.Add(new(defaultKey, Unquote(item)));
                }
                else
                {
                    // A bare flag such as "pcie" is not PVE syntax, but keeping it visible beats dropping it.
                    result.Add(new(item, ""));
                }

                continue;
            }

            result.Add(new(item[..equals].Trim(), Unquote(item[(equals + 1)..])));
        }

        return result;
    }

    /// <summary>Splits a PVE list (tags, content types) on <c>;</c>, <c>,</c> and white space, dropping empty parts.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([';', ',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> SplitItems(string text)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (c == ',' && !quoted)
            {
                AddItem(items, current);
            }
            else
            {
                current.Append(c);
            }
        }

        AddItem(items, current);
        return items;
    }

    private static void AddItem(List<string> items, StringBuilder current)
    {
        var item = current.ToString().Trim();
        if (item.Length > 0)
        {
            items.Add(item);
        }

        current.Clear();
    }

    private static string Unquote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"'
            ? trimmed[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)
            : trimmed;
    }
}
