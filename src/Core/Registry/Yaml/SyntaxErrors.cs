using YamlDotNet.Core;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>Turns YamlDotNet's parser errors into a diagnostic a person can act on.</summary>
internal static class SyntaxErrors
{
    public static ConfigDiagnostic ToDiagnostic(YamlException exception, string text, string sourcePath)
    {
        var message = exception.Message.Trim().TrimEnd('.');
        var (line, column) = ((int)exception.Start.Line, (int)exception.Start.Column);
        string hint;

        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // YamlDotNet points at the enclosing mapping; the tab itself is what the person has to find.
            (line, column) = FirstIndentingTab(text) ?? (line, column);
            hint = "YAML does not allow tabs for indentation; indent with spaces";
        }
        else if (message.Contains("did not find expected key", StringComparison.OrdinalIgnoreCase)
            || message.Contains("expected '-' indicator", StringComparison.OrdinalIgnoreCase)
            || message.Contains("block mapping", StringComparison.OrdinalIgnoreCase))
        {
            hint = "check the indentation of this line and the ones above: entries at the same level must start in the same column";
        }
        else if (message.Contains("mapping", StringComparison.OrdinalIgnoreCase))
        {
            hint = "a value that contains ': ' must be quoted (model: \"a: b\"), and each key needs its own line";
        }
        else if (message.Contains("end of stream", StringComparison.OrdinalIgnoreCase) || message.Contains("quoted scalar", StringComparison.OrdinalIgnoreCase))
        {
            hint = "a quote is not closed";
        }
        else if (message.Contains("flow", StringComparison.OrdinalIgnoreCase))
        {
            hint = "a '[' or '{' is not closed, or its items are not separated by commas";
        }
        else if (message.Contains("anchor", StringComparison.OrdinalIgnoreCase))
        {
            hint = "an alias (*name) must refer to an anchor (&name) defined earlier in the file";
        }
        else
        {
            hint = "check the YAML syntax at this position";
        }

        return new ConfigDiagnostic
        {
            Severity = ConfigSeverity.Error,
            File = sourcePath,
            Line = line,
            Column = column,
            Message = $"the file is not valid YAML: {char.ToLowerInvariant(message[0])}{message[1..]}",
            Hint = hint,
        };
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }
}
