using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// A mapping of <c>cluster.yaml</c> opened by <see cref="ConfigBindingContext.ReadMapping"/>: typed reads by key that
/// report missing keys and wrong types with the mapping's description (<c>'count' in accelerator 1 of node 'brian'</c>).
/// </summary>
public sealed class ConfigMapping
{
    private readonly ConfigBindingContext _context;
    private readonly List<KeyValuePair<YamlScalarNode, YamlNode>> _entries = [];
    private readonly Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> _byKey = new(StringComparer.Ordinal);

    internal ConfigMapping(ConfigBindingContext context, YamlMappingNode node, YamlNode anchor, string description, IReadOnlyCollection<string>? knownKeys)
    {
        _context = context;
        Node = node;
        Anchor = anchor;
        Description = description;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalarKey || ConfigBindingContext.IsNull(key))
            {
                context.ReportError(key, $"a key in {description} must be a plain name, got {ConfigBindingContext.Describe(key)}");
                continue;
            }

            if (knownKeys is not null && !knownKeys.Contains(name))
            {
                context.ReportError(key, $"unknown key '{name}' in {description}",
                    DidYouMean.Hint(name, knownKeys, listIntro: "allowed keys are"));
                continue;
            }

            _entries.Add(new(scalarKey, value));
            _byKey[name] = new(scalarKey, value);
        }
    }

    /// <summary>The mapping node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Where problems about the whole mapping (such as a missing key) point.</summary>
    public YamlNode Anchor { get; }

    /// <summary>How messages name this mapping, e.g. <c>node 'brian'</c>.</summary>
    public string Description { get; }

    /// <summary>The accepted entries (known, plain keys) in file order.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNode>> Entries => _entries;

    /// <summary>The key node of <paramref name="key"/>, or null when absent.</summary>
    public YamlScalarNode? KeyOf(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>The value of <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlNode? ValueOf(string key) =>
        _byKey.TryGetValue(key, out var entry) && !ConfigBindingContext.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>How messages name one key of this mapping: <c>'port' in service 'vllm' of node 'brian'</c>.</summary>
    public string Label(string key) => $"'{key}' in {Description}";

    /// <summary>Reports that a required key is absent (at <see cref="Anchor"/>) or has no value (at the key).</summary>
    public void ReportMissing(string key, string? hint = null)
    {
        if (KeyOf(key) is { } present)
        {
            _context.ReportError(present, $"{Label(key)} has no value", hint);
        }
        else
        {
            _context.ReportError(Anchor, $"missing required key '{key}' in {Description}", hint);
        }
    }

    /// <summary>Reads a text value; an empty or missing required value is reported.</summary>
    public string? GetString(string key, bool required = false, string? missingHint = null)
    {
        var value = ValueOf(key) is { } node ? _context.ReadString(node, Label(key)) : null;
        if (required && string.IsNullOrWhiteSpace(value) && !HasWrongType(key))
        {
            ReportMissing(key, missingHint);
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Reads an integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? GetInt(string key, int min = int.MinValue, int max = int.MaxValue, string? rangeHint = null, bool required = false, string? missingHint = null)
    {
        if (ValueOf(key) is { } node)
        {
            return _context.ReadInt(node, Label(key), min, max, rangeHint);
        }

        if (required)
        {
            ReportMissing(key, missingHint);
        }

        return null;
    }

    /// <summary>Reads a finite number no smaller than <paramref name="min"/> (greater, when <paramref name="minExclusive"/>).</summary>
    public double? GetNumber(string key, double min = double.MinValue, bool minExclusive = false, string? rangeHint = null, bool required = false, string? missingHint = null)
    {
        if (ValueOf(key) is { } node)
        {
            return _context.ReadNumber(node, Label(key), min, minExclusive, rangeHint);
        }

        if (required)
        {
            ReportMissing(key, missingHint);
        }

        return null;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool? GetBool(string key) => ValueOf(key) is { } node ? _context.ReadBool(node, Label(key)) : null;

    /// <summary>Reads a list of any items.</summary>
    public IReadOnlyList<YamlNode>? GetSequence(string key) => ValueOf(key) is { } node ? _context.ReadSequence(node, Label(key)) : null;

    /// <summary>Reads a list of single values; nested lists or mappings and empty items are reported and skipped.</summary>
    public IReadOnlyList<YamlScalarNode>? GetStringList(string key)
    {
        if (GetSequence(key) is not { } items)
        {
            return null;
        }

        var result = new List<YamlScalarNode>(items.Count);
        foreach (var item in items)
        {
            if (item is YamlScalarNode scalar && !ConfigBindingContext.IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                result.Add(scalar);
            }
            else
            {
                _context.ReportError(item, $"expected a name in the list {Label(key)}, got {(item is YamlScalarNode ? "an empty item" : ConfigBindingContext.Describe(item))}");
            }
        }

        return result;
    }

    /// <summary>Opens the value of <paramref name="key"/> as a mapping; see <see cref="ConfigBindingContext.ReadMapping"/>.</summary>
    public ConfigMapping? GetMapping(string key, string description, IReadOnlyCollection<string>? knownKeys, bool required = false, string? missingHint = null)
    {
        if (ValueOf(key) is { } node)
        {
            return _context.ReadMapping(node, description, knownKeys, anchor: KeyOf(key));
        }

        if (required)
        {
            ReportMissing(key, missingHint);
        }

        return null;
    }

    private bool HasWrongType(string key) => ValueOf(key) is YamlMappingNode or YamlSequenceNode;
}
