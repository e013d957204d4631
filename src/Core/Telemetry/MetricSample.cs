namespace PveAgent.Core.Telemetry;

/// <summary>One sample line of the Prometheus text format.</summary>
public sealed record MetricSample
{
    /// <summary>Sample name as written, including suffixes such as <c>_bucket</c> or <c>_total</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Labels by name (unescaped values).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>The value; may be <see cref="double.PositiveInfinity"/>, <see cref="double.NegativeInfinity"/> or <see cref="double.NaN"/>.</summary>
    public required double Value { get; init; }

    /// <summary>Timestamp in milliseconds since the epoch, when the line carries one.</summary>
    public long? TimestampMs { get; init; }

    /// <summary>The value of label <paramref name="name"/>, or null.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
