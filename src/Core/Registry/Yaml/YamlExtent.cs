using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>Where a node's text ends: the representation model records only where block collections start.</summary>
internal static class YamlExtent
{
    /// <summary>The mark just after the last character belonging to <paramref name="node"/> (comments after it excluded).</summary>
    public static Mark ContentEnd(YamlNode node, ParsedYaml parsed) => node switch
    {
        YamlMappingNode { Style: MappingStyle.Flow } or YamlSequenceNode { Style: SequenceStyle.Flow }
            when parsed.FlowEnds.TryGetValue(node.Start.Index, out var end) => end,
        YamlMappingNode { Children.Count: > 0 } mapping => ContentEnd(mapping.Children.Last().Value, parsed),
        YamlSequenceNode { Children.Count: > 0 } sequence => ContentEnd(sequence.Children[^1], parsed),
        YamlScalarNode scalar => ScalarEnd(scalar, parsed.Text),
        _ => node.End,
    };

    /// <summary>Character index just after the last character of <paramref name="node"/>.</summary>
    public static int ContentEndIndex(YamlNode node, ParsedYaml parsed) => (int)ContentEnd(node, parsed).Index;

    /// <summary>Index of the first character of the line holding <paramref name="index"/>.</summary>
    public static int LineStart(string text, int index) =>
        index <= 0 ? 0 : text.LastIndexOf('\n', Math.Min(index, text.Length) - 1) + 1;

    /// <summary>Index just after the line break ending the line that holds the character before <paramref name="endIndex"/>.</summary>
    public static int LineEndAfter(string text, int endIndex)
    {
        var from = Math.Max(0, endIndex - 1);
        var newline = text.IndexOf('\n', from);
        return newline < 0 ? text.Length : newline + 1;
    }

    private static Mark ScalarEnd(YamlScalarNode scalar, string text)
    {
        // Block scalars (| and >) end after their final line break; the content ends before it.
        var end = scalar.End;
        var index = (int)end.Index;
        var trimmed = index;
        while (trimmed > scalar.Start.Index && trimmed <= text.Length && (text[trimmed - 1] == '\n' || text[trimmed - 1] == '\r'))
        {
            trimmed--;
        }

        if (trimmed == index)
        {
            return end;
        }

        var lineStart = LineStart(text, trimmed);
        var line = end.Line - text.AsSpan(trimmed, index - trimmed).Count('\n');
        return new Mark(trimmed, line, trimmed - lineStart + 1);
    }
}
