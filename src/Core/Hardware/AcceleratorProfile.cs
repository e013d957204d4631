using PveAgent.Core.Registry;

namespace PveAgent.Core.Hardware;

/// <summary>
/// Published performance and power figures of one accelerator model: what the router needs to compare an RTX 3090 with
/// a Wormhole n150, and what the simulators use to produce latencies.
/// </summary>
public sealed record AcceleratorProfile
{
    /// <summary>Accelerator family.</summary>
    public required AcceleratorKind Kind { get; init; }

    /// <summary>Canonical model name, e.g. <c>RTX 3090</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Device memory in GB (0 for CPUs, which use node RAM).</summary>
    public required double MemoryGb { get; init; }

    /// <summary>Memory bandwidth in GB/s: token generation of LLMs is bound by it.</summary>
    public required double MemoryBandwidthGbps { get; init; }

    /// <summary>Dense FP16/BF16 throughput in TFLOPS: prompt processing and diffusion are bound by it.</summary>
    public required double Fp16Tflops { get; init; }

    /// <summary>Power draw when idle, watts.</summary>
    public required double IdleWatts { get; init; }

    /// <summary>Power draw at full load (board power limit), watts.</summary>
    public required double MaxWatts { get; init; }

    /// <summary>Requests the device serves concurrently at near-full per-request speed (continuous batching).</summary>
    public required int ConcurrentStreams { get; init; }

    /// <summary>Rate at which weights load from local NVMe into device memory, GB/s.</summary>
    public required double LoadGbps { get; init; }

    /// <summary>Share of the bandwidth-bound token rate the usual software stack reaches (0–1).</summary>
    public required double DecodeEfficiency { get; init; }

    /// <summary>Normalised names that identify this model in cluster.yaml or telemetry (letters and digits, lower case).</summary>
    internal IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when the figures are family defaults because the model was not recognised.</summary>
    public bool IsEstimate { get; init; }
}
