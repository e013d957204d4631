using System.Text.RegularExpressions;

namespace PveAgent.Kernel.Prompts;

/// <summary>
/// The <c>prompts/</c> folder, read at run time: each <c>&lt;name&gt;.md</c> starts with a <c>---</c> header holding at
/// least <c>version:</c>. Found through <c>$PVEAGENT_PROMPTS_DIR</c>, beside the executable, or in the current directory
/// and its parents (a source checkout).
/// </summary>
public sealed partial class PromptLibrary
{
    /// <summary>The environment variable naming the prompts folder.</summary>
    public const string DirectoryVariable = "PVEAGENT_PROMPTS_DIR";

    /// <summary>The planner's system prompt.</summary>
    public const string Planner = "planner";

    /// <summary>A library over <paramref name="directory"/>.</summary>
    public PromptLibrary(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder prompts are read from.</summary>
    public string Directory { get; }

    /// <summary>
    /// Finds the prompts folder: <c>$PVEAGENT_PROMPTS_DIR</c>, else <c>prompts/</c> beside the executable, else in
    /// <paramref name="currentDirectory"/> or a parent of it; null when there is none.
    /// </summary>
    public static PromptLibrary? Locate(Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        if (environment(DirectoryVariable) is { Length: > 0 } configured)
        {
            return new PromptLibrary(configured);
        }

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, "prompts");
        if (File.Exists(Path.Combine(besideExecutable, Planner + ".md")))
        {
            return new PromptLibrary(besideExecutable);
        }

        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "prompts");
            if (File.Exists(Path.Combine(candidate, Planner + ".md")))
            {
                return new PromptLibrary(candidate);
            }
        }

        return null;
    }

    /// <summary>Reads the prompt <paramref name="name"/> (<c>&lt;name&gt;.md</c>); a missing file or header is a <see cref="PromptException"/> saying what to fix.</summary>
    public async Task<PromptTemplate> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(Directory, name + ".md");
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PromptException($"The prompt file {path} does not exist. Restore prompts/{name}.md from the repository, or point {DirectoryVariable} at a folder that has it.", e);
        }

        return Parse(name, text, path);
    }

    /// <summary>Parses a prompt file's text: the <c>---</c> header (<c>version:</c> required) and the body.</summary>
    public static PromptTemplate Parse(string name, string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var where = source ?? name;
        var match = Header().Match(text.ReplaceLineEndings("\n"));
        if (!match.Success)
        {
            throw new PromptException($"{where} has no header: start it with a '---' line, 'version: 1.0', and a closing '---' line.");
        }

        var fields = match.Groups["header"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim(), StringComparer.Ordinal);
        if (!fields.TryGetValue("version", out var version) || version.Length == 0)
        {
            throw new PromptException($"{where} has no 'version:' in its header: add one (e.g. 'version: 1.0') and raise it whenever the text changes.");
        }

        var body = text.ReplaceLineEndings("\n")[match.Length..];
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new PromptException($"{where} has a header but no text after it.");
        }

        return new PromptTemplate(fields.GetValueOrDefault("name") is { Length: > 0 } named ? named : name, version, body, source);
    }

    [GeneratedRegex(@"\A\s*---[ \t]*\n(?<header>.*?)\n---[ \t]*(\n|\z)", RegexOptions.Singleline)]
    private static partial Regex Header();
}
