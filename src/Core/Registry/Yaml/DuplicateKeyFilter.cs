using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>
/// Passes parser events through, dropping the second and later occurrences of a mapping key (and their values)
/// and recording them, so one load reports every duplicate instead of YamlDotNet's throw on the first.
/// </summary>
/// <remarks>Also records where each flow collection closes: the representation model keeps only start marks.</remarks>
internal sealed class DuplicateKeyFilter(IParser inner) : IParser
{
    private readonly Stack<Frame> _frames = new();
    private readonly List<DuplicateKey> _duplicates = [];
    private readonly Dictionary<long, Mark> _flowEnds = [];

    /// <summary>Keys dropped because they were already present in their mapping, in document order.</summary>
    public IReadOnlyList<DuplicateKey> Duplicates => _duplicates;

    /// <summary>For each flow collection (by the character index of its start), the mark just after its closing bracket.</summary>
    public IReadOnlyDictionary<long, Mark> FlowEnds => _flowEnds;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        while (inner.MoveNext())
        {
            var current = inner.Current!;
            if (current is Scalar key
                && _frames.TryPeek(out var top)
                && top.IsMapping
                && top.ExpectingKey
                && top.Keys.TryGetValue(key.Value, out var firstAt))
            {
                _duplicates.Add(new DuplicateKey(key.Value, key.Start, firstAt, top.Path));
                SkipNode();
                continue;
            }

            Track(current);
            Current = current;
            return true;
        }

        Current = null;
        return false;
    }

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                _frames.Clear();
                break;
            case MappingStart start:
                _frames.Push(new Frame(isMapping: true, ChildPath(), start.Start.Index, start.Style == MappingStyle.Flow));
                break;
            case SequenceStart start:
                _frames.Push(new Frame(isMapping: false, ChildPath(), start.Start.Index, start.Style == SequenceStyle.Flow));
                break;
            case MappingEnd or SequenceEnd:
                var closed = _frames.Pop();
                if (closed.IsFlow)
                {
                    // The end event sits on the closing bracket; one character further is where the text of the collection ends.
                    var end = current.Start;
                    _flowEnds[closed.StartIndex] = new Mark(end.Index + 1, end.Line, end.Column + 1);
                }

                Completed(null);
                break;
            case Scalar scalar:
                Completed(scalar);
                break;
            case AnchorAlias:
                Completed(null);
                break;
        }
    }

    private void Completed(Scalar? scalar)
    {
        if (!_frames.TryPeek(out var top))
        {
            return;
        }

        if (!top.IsMapping)
        {
            top.Index++;
        }
        else if (top.ExpectingKey)
        {
            top.PendingKey = scalar?.Value;
            if (scalar is not null)
            {
                top.Keys[scalar.Value] = scalar.Start;
            }

            top.ExpectingKey = false;
        }
        else
        {
            top.ExpectingKey = true;
        }
    }

    private IReadOnlyList<string> ChildPath()
    {
        if (!_frames.TryPeek(out var top))
        {
            return [];
        }

        var segment = top.IsMapping ? top.PendingKey ?? "?" : $"[{top.Index}]";
        return [.. top.Path, segment];
    }

    private void SkipNode()
    {
        var depth = 0;
        while (inner.MoveNext())
        {
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            if (depth == 0)
            {
                return;
            }
        }
    }

    private sealed class Frame(bool isMapping, IReadOnlyList<string> path, long startIndex, bool isFlow)
    {
        public bool IsMapping { get; } = isMapping;

        public IReadOnlyList<string> Path { get; } = path;

        public long StartIndex { get; } = startIndex;

        public bool IsFlow { get; } = isFlow;

        public bool ExpectingKey { get; set; } = true;

        public string? PendingKey { get; set; }

        public int Index { get; set; }

        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
