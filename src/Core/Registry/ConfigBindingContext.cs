using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// What a <see cref="IConfigSectionBinder"/> works with: the parsed file, typed readers that report wrong types with
/// positions, the diagnostics collected so far, and the sections bound before it.
/// </summary>
public sealed class ConfigBindingContext
{
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly Dictionary<Type, object> _sections = [];

    internal ConfigBindingContext(string sourcePath, YamlMappingNode root)
    {
        SourcePath = sourcePath;
        Root = root;
    }

    /// <summary>The file name used in diagnostics.</summary>
    public string SourcePath { get; }

    /// <summary>The top-level mapping of the file.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>True when an error has been reported so far.</summary>
    public bool HasErrors => _diagnostics.Any(d => d.IsError);

    internal IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    internal IReadOnlyDictionary<Type, object> Sections => _sections;

    /// <summary>True when <paramref name="node"/> is YAML null (<c>~</c>, <c>null</c>, or nothing after the colon).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>The key node of a top-level section, to report problems at, or null when the file lacks it.</summary>
    public YamlScalarNode? SectionKey(string sectionName) =>
        Root.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == sectionName);

    /// <summary>Records an error at the start of <paramref name="at"/>.</summary>
    public void ReportError(YamlNode at, string message, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(at);
        Report(ConfigSeverity.Error, at.Start, message, hint);
    }

    /// <summary>Records a warning at the start of <paramref name="at"/>.</summary>
    public void ReportWarning(YamlNode at, string message, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(at);
        Report(ConfigSeverity.Warning, at.Start, message, hint);
    }

    /// <summary>Stores the value bound from a section, for later binders and for <see cref="ClusterConfig.Sections"/>.</summary>
    public void SetSection<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        _sections[typeof(T)] = value;
    }

    /// <summary>A value stored by an earlier binder, or null.</summary>
    public T? GetSection<T>()
        where T : class =>
        _sections.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>
    /// Opens <paramref name="node"/> as a mapping described as <paramref name="description"/> (e.g. <c>node 'brian'</c>),
    /// reporting keys outside <paramref name="knownKeys"/> (null: any key) with a did-you-mean; null when it is not a mapping.
    /// </summary>
    /// <param name="node">The value to read.</param>
    /// <param name="description">How messages name the mapping.</param>
    /// <param name="knownKeys">The keys allowed in it, or null for free-form keys (node names, service names).</param>
    /// <param name="anchor">Where "missing key" problems point (usually the mapping's own key); the mapping itself by default.</param>
    public ConfigMapping? ReadMapping(YamlNode node, string description, IReadOnlyCollection<string>? knownKeys, YamlNode? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlMappingNode mapping)
        {
            return new ConfigMapping(this, mapping, anchor ?? node, description, knownKeys);
        }

        ReportError(node, $"expected {description} to hold keys (key: value), got {Describe(node)}",
            "indent its keys under it, one 'key: value' per line");
        return null;
    }

    /// <summary>Reads a list; a single value where a list belongs is an error that shows the list syntax.</summary>
    public IReadOnlyList<YamlNode>? ReadSequence(YamlNode node, string label)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        if (IsNull(node))
        {
            return null;
        }

        ReportError(node, $"expected a list for {label}, got {Describe(node)}",
            "write one '- item' per line under it, or [item1, item2] on the same line");
        return null;
    }

    /// <summary>Reads a single text value; null for YAML null.</summary>
    public string? ReadString(YamlNode node, string label)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) ? null : scalar.Value;
        }

        ReportError(node, $"expected a single value for {label}, got {Describe(node)}");
        return null;
    }

    /// <summary>Reads an integer within [<paramref name="min"/>, <paramref name="max"/>]; null for YAML null or a reported problem.</summary>
    public int? ReadInt(YamlNode node, string label, int min = int.MinValue, int max = int.MaxValue, string? rangeHint = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (ReadString(node, label) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            ReportError(node, $"expected an integer for {label}, got {Quote(text)}", "write a whole number such as 3");
            return null;
        }

        if (value < min || value > max)
        {
            ReportError(node, $"{label} {RangeText(min, max, minExclusive: false)}, got {value.ToString(CultureInfo.InvariantCulture)}", rangeHint);
            return null;
        }

        return (int)value;
    }

    /// <summary>Reads a finite number no smaller than <paramref name="min"/> (or greater, when exclusive); null for YAML null or a reported problem.</summary>
    public double? ReadNumber(YamlNode node, string label, double min = double.MinValue, bool minExclusive = false, string? rangeHint = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (ReadString(node, label) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            ReportError(node, $"expected a number for {label}, got {Quote(text)}", "write a number such as 24 or 0.5");
            return null;
        }

        if (value < min || (minExclusive && value <= min))
        {
            ReportError(node, $"{label} {RangeText(min, double.MaxValue, minExclusive)}, got {text}", rangeHint);
            return null;
        }

        return value;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>; null for YAML null or a reported problem.</summary>
    public bool? ReadBool(YamlNode node, string label)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (ReadString(node, label))
        {
            case null:
                return null;
            case var text when text.Equals("true", StringComparison.OrdinalIgnoreCase):
                return true;
            case var text when text.Equals("false", StringComparison.OrdinalIgnoreCase):
                return false;
            case var text:
                ReportError(node, $"expected true or false for {label}, got {Quote(text)}", "write true or false");
                return null;
        }
    }

    /// <summary>How a value is shown in a message: a quoted scalar (shortened), "a list" or "a mapping".</summary>
    internal static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Quote(scalar.Value ?? ""),
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    internal static string Quote(string text) => text.Length <= 60 ? $"'{text}'" : $"'{text[..57]}...'";

    internal void Report(ConfigSeverity severity, Mark at, string message, string? hint) =>
        _diagnostics.Add(new ConfigDiagnostic
        {
            Severity = severity,
            File = SourcePath,
            Line = (int)at.Line,
            Column = (int)at.Column,
            Message = message,
            Hint = hint,
        });

    private static string RangeText(double min, double max, bool minExclusive)
    {
        var low = min.ToString(CultureInfo.InvariantCulture);
        return minExclusive ? $"must be greater than {low}"
            : max >= int.MaxValue ? $"must be at least {low}"
            : $"must be between {low} and {max.ToString(CultureInfo.InvariantCulture)}";
    }
}
