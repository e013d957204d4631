using System.Text;
using System.Text.RegularExpressions;

namespace PveAgent.Kernel.Prompts;

/// <summary>A prompt file: its name, version, text and <c>{{placeholders}}</c>, filled in per request by <see cref="Render"/>.</summary>
public sealed partial record PromptTemplate
{
    /// <summary>Creates a template from its parts (the body's placeholders are found here).</summary>
    public PromptTemplate(string name, string version, string body, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        Version = version;
        Body = body;
        Source = source;
        Placeholders = [.. Placeholder().Matches(body).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The prompt's name (<c>planner</c>).</summary>
    public string Name { get; }

    /// <summary>The version from the header (<c>1.0</c>).</summary>
    public string Version { get; }

    /// <summary>What a plan records as its prompt version: <c>planner@1.0</c>.</summary>
    public string VersionTag => $"{Name}@{Version}";

    /// <summary>The text after the header.</summary>
    public string Body { get; }

    /// <summary>The file it was read from, when it came from a file.</summary>
    public string? Source { get; }

    /// <summary>The placeholder names in the body, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The body with every placeholder replaced; a placeholder without a value is an error.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Placeholders.FirstOrDefault(p => !values.ContainsKey(p)) is { } missing)
        {
            throw new InvalidOperationException($"Prompt '{Name}' uses {{{{{missing}}}}}, which has no value; known values: {string.Join(", ", values.Keys)}.");
        }

        var text = new StringBuilder(Body.Length + 2048);
        var at = 0;
        foreach (Match match in Placeholder().Matches(Body))
        {
            text.Append(Body, at, match.Index - at).Append(values[match.Groups["name"].Value]);
            at = match.Index + match.Length;
        }

        return text.Append(Body, at, Body.Length - at).ToString().Trim();
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_][a-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
