namespace PveAgent.Core.Telemetry;

/// <summary>The <c># TYPE</c> of a Prometheus metric family.</summary>
public enum MetricType
{
    /// <summary>No (or an unrecognised) <c># TYPE</c> line.</summary>
    Untyped,

    /// <summary>Monotonic counter.</summary>
    Counter,

    /// <summary>Value that goes up and down.</summary>
    Gauge,

    /// <summary>Histogram (<c>_bucket</c>, <c>_sum</c>, <c>_count</c> samples).</summary>
    Histogram,

    /// <summary>Summary (quantiles, <c>_sum</c>, <c>_count</c>).</summary>
    Summary,
}
