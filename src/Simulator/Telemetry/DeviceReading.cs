using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// What a sensor would read on one accelerator, derived from its load: memory held by loaded models, utilisation from
/// running requests, power between the card's idle and maximum draw, temperature following power.
/// </summary>
internal sealed record DeviceReading
{
    /// <summary>Framebuffer the driver reserves on an NVIDIA card (nvidia-smi's <c>fb_memory_usage/reserved</c>), MiB.</summary>
    public const long ReservedMiB = 310;

    /// <summary>Ambient (idle, no load) temperature, °C.</summary>
    private const double AmbientCelsius = 30;

    public required int Index { get; init; }

    /// <summary>Index among the node's devices of the same family (nvidia-smi's <c>index</c>).</summary>
    public required int FamilyIndex { get; init; }

    public required AcceleratorConfig Config { get; init; }

    public required AcceleratorProfile Profile { get; init; }

    public required long MemoryTotalMiB { get; init; }

    public required long MemoryUsedMiB { get; init; }

    public required int UtilizationPercent { get; init; }

    public required double PowerWatts { get; init; }

    public required int TemperatureCelsius { get; init; }

    public required IReadOnlyList<AcceleratorProcess> Processes { get; init; }

    /// <summary>Share of the way from idle to full power (0–1).</summary>
    public double PowerFraction => Profile.MaxWatts > Profile.IdleWatts ? (PowerWatts - Profile.IdleWatts) / (Profile.MaxWatts - Profile.IdleWatts) : 0;

    public bool IsBusy => UtilizationPercent >= 50;

    /// <summary>Framebuffer neither reserved nor used, MiB.</summary>
    public long MemoryFreeMiB => Math.Max(MemoryTotalMiB - ReservedMiB - MemoryUsedMiB, 0);

    public static DeviceReading From(AcceleratorLoad load, int familyIndex)
    {
        ArgumentNullException.ThrowIfNull(load);
        var profile = load.Profile;
        // One decoding stream keeps a GPU's kernels running most of the time (nvidia-smi shows 85-100 %); loading
        // weights shows a little.
        var utilization = load.Busy > 0 ? 85 + (15 * load.Busy) : load.Loading ? 12 : 0;
        var memoryShare = load.MemoryTotalGb > 0 ? Math.Clamp(load.MemoryUsedGb / load.MemoryTotalGb, 0, 1) : 0;
        var range = Math.Max(profile.MaxWatts - profile.IdleWatts, 0);
        var power = profile.IdleWatts + (range * ((0.8 * utilization / 100) + (0.05 * memoryShare)));
        var fraction = range > 0 ? (power - profile.IdleWatts) / range : 0;
        var total = (long)Math.Round(load.MemoryTotalGb * 1024);
        return new DeviceReading
        {
            Index = load.Index,
            FamilyIndex = familyIndex,
            Config = load.Config,
            Profile = profile,
            MemoryTotalMiB = total,
            // What models hold, within what the driver leaves usable (reserved memory is reported apart).
            MemoryUsedMiB = Math.Clamp((long)Math.Round(load.MemoryUsedGb * 1024), 0, Math.Max(total - ReservedMiB, 0)),
            UtilizationPercent = (int)Math.Round(utilization),
            PowerWatts = Math.Round(power, 2),
            TemperatureCelsius = (int)Math.Round(AmbientCelsius + 3 + (47 * fraction)),
            Processes = load.Processes,
        };
    }

    /// <summary>Stable per node, device and seed: GPU UUIDs, board ids, serials.</summary>
    public ulong Identity(string node, int seed) => StableHash.Of(seed, "device", node, Index.ToString(CultureInfo.InvariantCulture));
}
