using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Prompts;

/// <summary>
/// The prompts in <c>prompts/</c> as MCP prompts: one per <c>*.md</c> file, named after the file, described by its first
/// line; each <c>{{name}}</c> in the text is a required argument. Read from disk on every request, so an edited prompt
/// is served without a restart.
/// </summary>
internal sealed partial class PromptLibrary(string? directory)
{
    private const string Extension = ".md";

    /// <summary>Every prompt, by name.</summary>
    public IList<Prompt> List() => [.. Files().Select(f => Describe(f, File.ReadAllText(f)))];

    /// <summary>The prompt <paramref name="name"/> with its arguments filled in.</summary>
    /// <exception cref="McpProtocolException">No such prompt, or an argument is missing.</exception>
    public GetPromptResult Get(string name, IDictionary<string, string>? arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        var file = Files().FirstOrDefault(f => NameOf(f) == name)
            ?? throw new McpProtocolException($"No prompt '{name}'; prompts/list names the {Files().Count()} there are.", McpErrorCode.InvalidParams);
        var text = File.ReadAllText(file);
        var missing = Placeholders(text).Where(p => arguments?.ContainsKey(p) != true).ToList();
        if (missing.Count > 0)
        {
            throw new McpProtocolException($"Prompt '{name}' needs the argument{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}.", McpErrorCode.InvalidParams);
        }

        var filled = Placeholder().Replace(text, m => arguments![m.Groups[1].Value]);
        return new GetPromptResult
        {
            Description = Describe(file, text).Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = filled } }],
        };
    }

    private IEnumerable<string> Files() =>
        directory is not null && Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal)
            : [];

    private static Prompt Describe(string file, string text)
    {
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return new Prompt
        {
            Name = NameOf(file),
            Description = first.TrimStart('#').Trim(),
            Arguments = Placeholders(text) is { Count: > 0 } names ? [.. names.Select(n => new PromptArgument { Name = n, Required = true })] : null,
        };
    }

    private static string NameOf(string file) => Path.GetFileNameWithoutExtension(file);

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
