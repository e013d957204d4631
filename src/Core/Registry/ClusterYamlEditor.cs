using PveAgent.Core.Registry.Binding;
using PveAgent.Core.Registry.Yaml;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// Applies <see cref="ClusterYamlChange"/>s to the text of <c>cluster.yaml</c> by rewriting only the lines they
/// affect (located with the parser's marks): every comment, blank line and the formatting of everything else stay
/// byte-identical. Used by <c>pve-agent discover --write</c>.
/// </summary>
/// <remarks>
/// A replaced <c>accelerators:</c> list takes the comments written between its own items with it; comments on its
/// key line and after its last item stay. Replacing a list with an equal one leaves the text untouched.
/// </remarks>
public static class ClusterYamlEditor
{
    /// <summary>Returns <paramref name="originalText"/> with <paramref name="changes"/> applied in order.</summary>
    /// <exception cref="ArgumentException">
    /// The text is not valid YAML, a changed node is not declared (or an added one already is), or the part to change
    /// is written in a style that cannot be edited line by line (flow mappings, aliases): the message says which.
    /// </exception>
    public static string Apply(string originalText, IEnumerable<ClusterYamlChange> changes)
    {
        ArgumentNullException.ThrowIfNull(originalText);
        ArgumentNullException.ThrowIfNull(changes);

        var text = originalText;
        foreach (var change in changes)
        {
            text = change switch
            {
                SetAcceleratorsChange set => SetAccelerators(text, set),
                AddNodeChange add => AddNode(text, add),
                _ => throw new ArgumentException($"Unsupported change {change.GetType().Name}.", nameof(changes)),
            };
        }

        return text;
    }

    private static string SetAccelerators(string text, SetAcceleratorsChange change)
    {
        ArgumentNullException.ThrowIfNull(change.NodeName);
        ArgumentNullException.ThrowIfNull(change.Accelerators);
        var (parsed, root) = Parse(text);
        var newline = Newline(text);
        if (Find(root, "nodes", ignoreCase: false) is not { Value: YamlMappingNode nodes }
            || Find(nodes, change.NodeName, ignoreCase: true) is not { } nodeEntry)
        {
            throw new ArgumentException($"cluster.yaml declares no node '{change.NodeName}'; add it with {nameof(AddNodeChange)} instead.", nameof(change));
        }

        if (nodeEntry.Value is not YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } node)
        {
            throw new ArgumentException($"Node '{change.NodeName}' is not written as an indented block of keys, so it cannot be edited line by line; edit it by hand.", nameof(change));
        }

        if (Find(node, "accelerators", ignoreCase: false) is { } existing)
        {
            return SameAccelerators(existing.Value, change.Accelerators, parsed)
                ? text
                : ReplaceValue(parsed, existing.Key, existing.Value, change.Accelerators.Count == 0, "[]",
                    indent => new YamlWriter(newline).Accelerators(indent, change.Accelerators).ToString());
        }

        var keyIndent = (int)node.Children.First().Key.Start.Column - 1;
        var block = new YamlWriter(newline);
        if (change.Accelerators.Count == 0)
        {
            block.Line(keyIndent, "accelerators: []");
        }
        else
        {
            block.Line(keyIndent, "accelerators:").Accelerators(keyIndent + 2, change.Accelerators);
        }

        return InsertAfterLine(text, YamlExtent.ContentEndIndex(node, parsed), block.ToString(), newline);
    }

    private static string AddNode(string text, AddNodeChange change)
    {
        ArgumentNullException.ThrowIfNull(change.Node);
        var (parsed, root) = Parse(text);
        var newline = Newline(text);
        var render = (int indent) => new YamlWriter(newline).Node(indent, change.Node).ToString();

        if (Find(root, "nodes", ignoreCase: false) is not { } nodesEntry)
        {
            var separator = text.Length == 0 ? "" : text.EndsWith('\n') ? newline : newline + newline;
            return text + separator + "nodes:" + newline + render(2);
        }

        switch (nodesEntry.Value)
        {
            case YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } nodes:
                if (Find(nodes, change.Node.Name, ignoreCase: true) is not null)
                {
                    throw new ArgumentException($"cluster.yaml already declares node '{change.Node.Name}'; change it with {nameof(SetAcceleratorsChange)} instead.", nameof(change));
                }

                var keys = nodes.Children.Keys.ToList();
                var indent = (int)keys[0].Start.Column - 1;
                var blankBetween = keys.Count < 2 || IsBlankLineBefore(text, (int)keys[^1].Start.Index);
                return InsertAfterLine(text, YamlExtent.ContentEndIndex(nodes, parsed), (blankBetween ? newline : "") + render(indent), newline);

            case var empty when ConfigBindingContext.IsNull(empty) || empty is YamlMappingNode { Children.Count: 0 }:
                return ReplaceValue(parsed, nodesEntry.Key, empty, isEmpty: false, "{}", render);

            default:
                throw new ArgumentException("'nodes:' is not written as an indented block of keys, so a node cannot be added line by line; edit it by hand.", nameof(change));
        }
    }

    /// <summary>
    /// Rewrites the value of <paramref name="key"/>. A block collection keeps its key line and loses only its own lines;
    /// any other value (null, flow) is rewritten on the key line, keeping a comment that follows it.
    /// </summary>
    private static string ReplaceValue(ParsedYaml parsed, YamlNode key, YamlNode value, bool isEmpty, string emptyText, Func<int, string> renderBlock)
    {
        var text = parsed.Text;
        if (value.Start.Index < key.End.Index)
        {
            throw new ArgumentException($"The value at line {key.Start.Line} is a YAML alias; edit it by hand.", nameof(value));
        }

        var colon = text.IndexOf(':', (int)key.End.Index);
        var keyLineStart = YamlExtent.LineStart(text, (int)key.Start.Index);
        var keyIndent = (int)key.Start.Column - 1;
        var isBlockCollection = value is YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 }
            or YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 };

        if (isBlockCollection)
        {
            var itemsStart = YamlExtent.LineStart(text, (int)value.Start.Index);
            var itemsEnd = YamlExtent.LineEndAfter(text, YamlExtent.ContentEndIndex(value, parsed));
            if (!isEmpty)
            {
                return string.Concat(text.AsSpan(0, itemsStart), renderBlock((int)value.Start.Column - 1), text.AsSpan(itemsEnd));
            }

            return string.Concat(text[..(colon + 1)], " " + emptyText, text[(colon + 1)..itemsStart], text[itemsEnd..]);
        }

        var valueEnd = ConfigBindingContext.IsNull(value) ? colon + 1 : YamlExtent.ContentEndIndex(value, parsed);
        var lineEnd = YamlExtent.LineEndAfter(text, valueEnd);
        var trailing = text[valueEnd..lineEnd].TrimEnd('\r', '\n');
        var newline = Newline(text);
        var rewritten = isEmpty
            ? $"{text[keyLineStart..(colon + 1)]} {emptyText}{trailing}{newline}"
            : $"{text[keyLineStart..(colon + 1)]}{trailing}{newline}{renderBlock(keyIndent + 2)}";
        return string.Concat(text.AsSpan(0, keyLineStart), rewritten, text.AsSpan(lineEnd));
    }

    private static string InsertAfterLine(string text, int contentEnd, string block, string newline)
    {
        var at = YamlExtent.LineEndAfter(text, contentEnd);
        var prefix = at == text.Length && text.Length > 0 && !text.EndsWith('\n') ? newline : "";
        return string.Concat(text.AsSpan(0, at), prefix, block, text.AsSpan(at));
    }

    private static bool SameAccelerators(YamlNode existing, IReadOnlyList<AcceleratorConfig> wanted, ParsedYaml parsed)
    {
        if (existing is not YamlSequenceNode sequence || ConfigBindingContext.IsNull(existing))
        {
            return wanted.Count == 0 && (ConfigBindingContext.IsNull(existing) || existing is YamlSequenceNode { Children.Count: 0 });
        }

        if (sequence.Children.Count != wanted.Count || parsed.Root is not YamlMappingNode root)
        {
            return false;
        }

        var scratch = new ConfigBindingContext("", root);
        var current = sequence.Children.Select(item => AcceleratorBinder.Bind(item, "", scratch)).ToList();
        return !scratch.HasErrors && current.SequenceEqual(wanted);
    }

    private static (ParsedYaml Parsed, YamlMappingNode Root) Parse(string text)
    {
        var parsed = YamlDocumentParser.Parse(text);
        if (parsed.SyntaxError is { } error)
        {
            throw new ArgumentException($"cluster.yaml is not valid YAML ({error.Start.Line}:{error.Start.Column}: {error.Message}); fix it before editing.", nameof(text));
        }

        return parsed.Root switch
        {
            YamlMappingNode root => (parsed, root),
            null => (parsed, new YamlMappingNode()),
            _ => throw new ArgumentException("cluster.yaml does not start with sections (cluster:, nodes:); fix it before editing.", nameof(text)),
        };
    }

    private static KeyValuePair<YamlScalarNode, YamlNode>? Find(YamlMappingNode mapping, string key, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } scalar && string.Equals(name, key, comparison))
            {
                return new(scalar, v);
            }
        }

        return null;
    }

    private static bool IsBlankLineBefore(string text, int index)
    {
        var lineStart = YamlExtent.LineStart(text, index);
        if (lineStart == 0)
        {
            return false;
        }

        var previousStart = YamlExtent.LineStart(text, lineStart - 1);
        return string.IsNullOrWhiteSpace(text[previousStart..lineStart]);
    }

    private static string Newline(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
}
