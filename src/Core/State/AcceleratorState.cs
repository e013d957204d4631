using PveAgent.Core.Registry;

namespace PveAgent.Core.State;

/// <summary>One accelerator device with its latest telemetry (null where the device does not report a value).</summary>
public sealed record AcceleratorState
{
    /// <summary>Accelerator family.</summary>
    public required AcceleratorKind Kind { get; init; }

    /// <summary>Model name as reported (or as configured when there is no telemetry).</summary>
    public required string Model { get; init; }

    /// <summary>Index of the device within the node (nvidia-smi index, tt-smi device order).</summary>
    public required int Index { get; init; }

    /// <summary>Stable identity (GPU UUID, Tenstorrent board id), when reported.</summary>
    public string? Id { get; init; }

    /// <summary>Total device memory in MiB.</summary>
    public double? MemoryTotalMib { get; init; }

    /// <summary>Used device memory in MiB (Tenstorrent reports none).</summary>
    public double? MemoryUsedMib { get; init; }

    /// <summary>Compute utilisation, 0–100 %.</summary>
    public double? UtilizationPercent { get; init; }

    /// <summary>Temperature in °C.</summary>
    public double? TemperatureC { get; init; }

    /// <summary>Power draw in watts.</summary>
    public double? PowerWatts { get; init; }

    /// <summary>Number of processes using the device.</summary>
    public int? Processes { get; init; }

    /// <summary>True when the values come from live telemetry, false when only the registry describes the device.</summary>
    public bool HasTelemetry { get; init; }

    /// <summary>Free device memory in MiB, when both total and used are known.</summary>
    public double? MemoryFreeMib => MemoryTotalMib is { } total && MemoryUsedMib is { } used ? Math.Max(0, total - used) : null;
}
