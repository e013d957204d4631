using PveAgent.Core.Registry.Yaml;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// Where every entry of the loaded file is, by path: keys joined with '.', list items as <c>[i]</c>
/// (<c>nodes.brian.accelerators[0].count</c>), so later features can point at the line a value came from.
/// </summary>
public sealed class ConfigSourceMap
{
    private readonly Dictionary<string, SourceSpan> _spans;

    private ConfigSourceMap(Dictionary<string, SourceSpan> spans) => _spans = spans;

    /// <summary>A map with no entries (for configurations built in code).</summary>
    public static ConfigSourceMap Empty { get; } = new([]);

    /// <summary>Every path in the map.</summary>
    public IEnumerable<string> Paths => _spans.Keys;

    /// <summary>The span of the entry at <paramref name="path"/>, or null when the file has no such entry.</summary>
    public SourceSpan? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _spans.GetValueOrDefault(path);
    }

    internal static ConfigSourceMap Build(ParsedYaml parsed)
    {
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        if (parsed.Root is { } root)
        {
            Walk(root, root, path: "", parsed, spans, depth: 0);
        }

        return new ConfigSourceMap(spans);
    }

    private static void Walk(YamlNode entryStart, YamlNode value, string path, ParsedYaml parsed, Dictionary<string, SourceSpan> spans, int depth)
    {
        // Aliases can make the tree a graph; real configuration files are a handful of levels deep.
        if (depth > 64)
        {
            return;
        }

        if (path.Length > 0)
        {
            var end = YamlExtent.ContentEnd(value, parsed);
            spans.TryAdd(path, new SourceSpan((int)entryStart.Start.Line, (int)entryStart.Start.Column, (int)end.Line, (int)end.Column));
        }

        switch (value)
        {
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                    {
                        Walk(key, child, path.Length == 0 ? name : $"{path}.{name}", parsed, spans, depth + 1);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], sequence.Children[i], $"{path}[{i}]", parsed, spans, depth + 1);
                }

                break;
        }
    }
}
