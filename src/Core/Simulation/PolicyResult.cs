namespace PveAgent.Core.Simulation;

/// <summary>What one policy achieved on one simulated run.</summary>
public sealed record PolicyResult
{
    /// <summary>Policy name (see <see cref="PolicyNames"/>).</summary>
    public required string Policy { get; init; }

    /// <summary>Tasks that arrived.</summary>
    public required int Tasks { get; init; }

    /// <summary>Tasks that finished (late ones included).</summary>
    public required int Completed { get; init; }

    /// <summary>Tasks that failed: no place found, longer than the timeout, or unfinished when the run ended.</summary>
    public required int Failed { get; init; }

    /// <summary>Median completion time (arrival to finish), ms.</summary>
    public required double P50Ms { get; init; }

    /// <summary>95th-percentile completion time, ms.</summary>
    public required double P95Ms { get; init; }

    /// <summary>99th-percentile completion time, ms.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Mean completion time, ms.</summary>
    public required double MeanMs { get; init; }

    /// <summary>Share of model-using tasks whose model was already loaded where they ran, 0–1.</summary>
    public required double WarmHitRate { get; init; }

    /// <summary>Model loads started (cold starts).</summary>
    public required int ModelLoads { get; init; }

    /// <summary>Time-averaged share of accelerator devices busy (running or loading), 0–1.</summary>
    public required double Utilization { get; init; }

    /// <summary>Energy drawn by all nodes over the run, kWh.</summary>
    public required double EnergyKwh { get; init; }

    /// <summary>Virtual seconds simulated (arrivals plus the drain of remaining work).</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Every completion time in ms, ascending (for the CDF chart); unfinished tasks count with their age at the end.</summary>
    public required IReadOnlyList<double> CompletionTimesMs { get; init; }
}
