namespace PveAgent.Core.Telemetry;

/// <summary>A metric family: its declared type and help, and the samples that belong to it.</summary>
public sealed record MetricFamily
{
    /// <summary>Family name (the name in <c># TYPE</c>, or the sample name for undeclared samples).</summary>
    public required string Name { get; init; }

    /// <summary>Declared type.</summary>
    public MetricType Type { get; init; }

    /// <summary>The <c># HELP</c> text, when present.</summary>
    public string? Help { get; init; }

    /// <summary>Samples in document order; empty when the family is declared but has no sample (value unknown, not 0).</summary>
    public IReadOnlyList<MetricSample> Samples { get; init; } = [];

    /// <summary>True when at least one sample was exposed.</summary>
    public bool HasSamples => Samples.Count > 0;
}
