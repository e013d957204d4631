namespace PveAgent.Core.Telemetry;

/// <summary>One NVIDIA GPU as read from nvidia-smi or an exporter; every figure is null where the source reports none.</summary>
public sealed record GpuReading
{
    /// <summary>nvidia-smi index (enumeration order; may change across boots — key on <see cref="Uuid"/>).</summary>
    public int? Index { get; init; }

    /// <summary>Stable identity, <c>GPU-xxxxxxxx-…</c>.</summary>
    public string? Uuid { get; init; }

    /// <summary>Product name, e.g. <c>NVIDIA GeForce RTX 3090</c>.</summary>
    public string? Name { get; init; }

    /// <summary>PCI address, e.g. <c>00000000:06:00.0</c>, when reported.</summary>
    public string? PciBusId { get; init; }

    /// <summary>Total framebuffer memory in MiB.</summary>
    public double? MemoryTotalMib { get; init; }

    /// <summary>Used framebuffer memory in MiB.</summary>
    public double? MemoryUsedMib { get; init; }

    /// <summary>GPU utilisation, 0–100 % (unavailable when MIG is enabled).</summary>
    public double? UtilizationPercent { get; init; }

    /// <summary>GPU temperature in °C.</summary>
    public double? TemperatureC { get; init; }

    /// <summary>Power draw in watts.</summary>
    public double? PowerDrawWatts { get; init; }

    /// <summary>Power limit in watts.</summary>
    public double? PowerLimitWatts { get; init; }

    /// <summary>True when MIG mode is enabled, false when disabled, null when not supported or not reported.</summary>
    public bool? MigEnabled { get; init; }

    /// <summary>MIG devices carved out of this GPU.</summary>
    public IReadOnlyList<MigDeviceReading> MigDevices { get; init; } = [];

    /// <summary>Processes using the GPU; null when the source does not list processes (an empty list means none).</summary>
    public IReadOnlyList<GpuProcessReading>? Processes { get; init; }

    /// <summary>Free framebuffer memory in MiB, when total and used are known.</summary>
    public double? MemoryFreeMib => MemoryTotalMib is { } total && MemoryUsedMib is { } used ? Math.Max(0, total - used) : null;
}
