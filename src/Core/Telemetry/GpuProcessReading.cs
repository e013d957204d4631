namespace PveAgent.Core.Telemetry;

/// <summary>A process holding a context on a GPU (nvidia-smi <c>--query-compute-apps</c> or the XML process list).</summary>
public sealed record GpuProcessReading
{
    /// <summary>Process id on the host that ran nvidia-smi.</summary>
    public int? Pid { get; init; }

    /// <summary>Executable name or path (may be empty on Windows).</summary>
    public string? Name { get; init; }

    /// <summary>GPU memory used by the process in MiB; null where the driver cannot tell (Windows WDDM).</summary>
    public double? UsedMemoryMib { get; init; }

    /// <summary>UUID of the GPU the process uses, when reported.</summary>
    public string? GpuUuid { get; init; }

    /// <summary>Context type from the XML: <c>C</c> (compute), <c>G</c> (graphics) or <c>C+G</c>.</summary>
    public string? Type { get; init; }
}
