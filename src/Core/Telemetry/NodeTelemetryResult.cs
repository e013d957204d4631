using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>What one telemetry read of a node produced: GPU and/or Tenstorrent readings, and why any part failed.</summary>
public sealed record NodeTelemetryResult
{
    /// <summary>Node name.</summary>
    public required string Node { get; init; }

    /// <summary>Transport that produced the result.</summary>
    public TelemetrySource Source { get; init; }

    /// <summary>NVIDIA GPUs (empty when the node has none or they could not be read).</summary>
    public IReadOnlyList<GpuReading> Gpus { get; init; } = [];

    /// <summary>The Tenstorrent snapshot, when the node has Tenstorrent cards and it could be read.</summary>
    public TenstorrentSnapshot? Tenstorrent { get; init; }

    /// <summary>One entry per part that could not be read; empty on full success.</summary>
    public IReadOnlyList<TelemetryFailure> Failures { get; init; } = [];

    /// <summary>True when every requested part was read.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>The failure messages joined with <c>"; "</c>, or null on success.</summary>
    public string? Error => Failures.Count == 0 ? null : string.Join("; ", Failures.Select(f => f.Message));
}
