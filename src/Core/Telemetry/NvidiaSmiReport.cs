namespace PveAgent.Core.Telemetry;

/// <summary>The content of <c>nvidia-smi -q -x</c>: driver facts and every GPU.</summary>
public sealed record NvidiaSmiReport
{
    /// <summary>Driver version, e.g. <c>535.54.03</c>.</summary>
    public string? DriverVersion { get; init; }

    /// <summary>CUDA version the driver supports, when reported.</summary>
    public string? CudaVersion { get; init; }

    /// <summary>Version of the XML schema from the DOCTYPE (<c>nvsmi_device_v12.dtd</c> → 12), when present.</summary>
    public int? SchemaVersion { get; init; }

    /// <summary>GPUs in document order.</summary>
    public required IReadOnlyList<GpuReading> Gpus { get; init; }
}
