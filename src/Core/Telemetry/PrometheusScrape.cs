namespace PveAgent.Core.Telemetry;

/// <summary>A parsed Prometheus text exposition.</summary>
public sealed record PrometheusScrape
{
    /// <summary>An exposition with no families.</summary>
    public static PrometheusScrape Empty { get; } = new() { Families = [] };

    /// <summary>Families in order of first appearance.</summary>
    public required IReadOnlyList<MetricFamily> Families { get; init; }

    /// <summary>Line numbers (1-based) of lines that were neither comments nor valid samples (e.g. a literal <c>...</c>).</summary>
    public IReadOnlyList<int> SkippedLines { get; init; } = [];

    /// <summary>How many lines were skipped as unparseable.</summary>
    public int SkippedLineCount => SkippedLines.Count;

    /// <summary>The family named <paramref name="name"/> (exact, case-sensitive), or null when it is absent.</summary>
    public MetricFamily? Find(string name) => Families.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>Samples of the family named <paramref name="name"/>; empty when absent or declared without samples.</summary>
    public IReadOnlyList<MetricSample> SamplesOf(string name) => Find(name)?.Samples ?? [];
}
