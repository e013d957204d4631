namespace PveAgent.Core.Telemetry;

/// <summary>A MIG (multi-instance GPU) slice and its memory.</summary>
public sealed record MigDeviceReading
{
    /// <summary>MIG device index within the GPU, when reported.</summary>
    public int? Index { get; init; }

    /// <summary>GPU instance id.</summary>
    public int? GpuInstanceId { get; init; }

    /// <summary>Compute instance id.</summary>
    public int? ComputeInstanceId { get; init; }

    /// <summary>Profile name such as <c>1g.6gb</c>, when reported (DCGM).</summary>
    public string? Profile { get; init; }

    /// <summary>Memory of the slice in MiB.</summary>
    public double? MemoryTotalMib { get; init; }

    /// <summary>Used memory of the slice in MiB.</summary>
    public double? MemoryUsedMib { get; init; }
}
