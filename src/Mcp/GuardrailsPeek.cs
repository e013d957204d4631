using PveAgent.Guardrails;

namespace PveAgent.Mcp;

/// <summary>
/// Reads which tools <c>tools/list</c> offers from the text of <c>cluster.yaml</c> without a YAML parser (YamlDotNet and
/// the section binders take ~100 ms to start, more than the whole answer may), so the server can answer right after
/// spawn. It understands the plain shapes people write — no <c>guardrails:</c> key, a block or flow mapping with a
/// <c>mode:</c> — and answers null for anything else (lists of allowed or denied tools, anchors, tags, odd indentation),
/// where the listing then waits for the full load.
/// </summary>
/// <remarks>
/// It does not validate the rest of the file: a file the full load rejects is listed by the mode it states, and every
/// call then reports the file's errors, as it would have anyway.
/// </remarks>
internal static class GuardrailsPeek
{
    private const string Section = "guardrails";

    private static readonly System.Buffers.SearchValues<char> Nested = System.Buffers.SearchValues.Create("{}[]&*!");

    // Keys of the section that do not change what is listed; any other key sends the question to the full load.
    private static readonly string[] Harmless = ["unattended", "protected", "limits", "maintenance_windows"];

    /// <summary>The listing policy <paramref name="yaml"/> states, or null when only the full load can tell.</summary>
    public static McpPolicy? Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var lines = yaml.Split('\n');
        int? sectionLine = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Content(lines[i]) is not { } content)
            {
                return null;
            }

            if (content.Length == 0)
            {
                continue;
            }

            if (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal) || content[0] is '%' or '\t')
            {
                return null;
            }

            if (content[0] != ' ' && IsKey(content, Section))
            {
                if (sectionLine is not null)
                {
                    return null;
                }

                sectionLine = i;
            }
            else if (content.Contains(Section, StringComparison.Ordinal))
            {
                // Mentioned some other way (a quoted key, a flow mapping at the top): not a shape read here.
                return null;
            }
        }

        if (sectionLine is not { } at)
        {
            return McpPolicy.ReadOnlyFallback;
        }

        var inline = Content(lines[at])![(Section.Length + 1)..].Trim();
        return inline.Length > 0 ? Flow(inline) : Block(lines, at + 1);
    }

    private static McpPolicy? Flow(string value)
    {
        if (value is "~" or "null" or "Null" or "NULL")
        {
            return McpPolicy.ReadOnlyFallback;
        }

        if (value.Length < 2 || value[0] != '{' || value[^1] != '}' || value.AsSpan(1, value.Length - 2).ContainsAny(Nested))
        {
            return null;
        }

        string? mode = null;
        foreach (var pair in value[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Entry(pair, ref mode))
            {
                return null;
            }
        }

        return Policy(mode);
    }

    private static McpPolicy? Block(string[] lines, int first)
    {
        var indent = -1;
        string? mode = null;
        for (var i = first; i < lines.Length; i++)
        {
            var content = Content(lines[i])!;
            if (content.Length == 0)
            {
                continue;
            }

            var depth = content.Length - content.TrimStart(' ').Length;
            if (depth == 0)
            {
                break;
            }

            if (indent < 0)
            {
                indent = depth;
            }

            if (depth < indent || content[depth] == '\t' || (depth == indent && content[depth] == '-'))
            {
                return null;
            }

            if (depth == indent && !Entry(content.Trim(), ref mode))
            {
                return null;
            }
        }

        // `guardrails:` with nothing under it is YAML's null: the section is absent.
        return indent < 0 ? McpPolicy.ReadOnlyFallback : Policy(mode);
    }

    /// <summary>Takes one <c>key: value</c> of the section; false when the key or its value is not one read here.</summary>
    private static bool Entry(string pair, ref string? mode)
    {
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || (colon + 1 < pair.Length && pair[colon + 1] != ' '))
        {
            return false;
        }

        var key = pair[..colon];
        var value = pair[(colon + 1)..].Trim();
        if (key == "mode")
        {
            if (mode is not null || value.Length == 0)
            {
                return false;
            }

            mode = value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
            return true;
        }

        return Array.IndexOf(Harmless, key) >= 0;
    }

    private static McpPolicy? Policy(string? mode) => mode?.ToLowerInvariant() switch
    {
        // The section's default mode, as GuardrailsSectionBinder binds it.
        null => McpPolicy.Declared(GuardrailMode.ApproveWrites),
        "read-only" => McpPolicy.Declared(GuardrailMode.ReadOnly),
        "approve-writes" => McpPolicy.Declared(GuardrailMode.ApproveWrites),
        "approve-disruptive" => McpPolicy.Declared(GuardrailMode.ApproveDisruptive),
        "autonomous" => McpPolicy.Declared(GuardrailMode.Autonomous),
        _ => null,
    };

    private static bool IsKey(string content, string key) =>
        content.StartsWith(key, StringComparison.Ordinal) && content.Length > key.Length && content[key.Length] == ':'
        && (content.Length == key.Length + 1 || content[key.Length + 1] == ' ');

    /// <summary>The line without its comment and trailing blanks, or null when a quote runs past its end.</summary>
    private static string? Content(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or ':' or '[' or '{' or ','))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return line[..i].TrimEnd();
            }
        }

        return quote == '\0' ? line.TrimEnd() : null;
    }
}
