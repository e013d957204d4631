using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Scheduling;

/// <summary>How the <see cref="TaskScheduler"/> orders, limits and preempts work.</summary>
public sealed record SchedulingPolicy
{
    /// <summary>The documented defaults.</summary>
    public static SchedulingPolicy Default { get; } = new();

    /// <summary>Whether an interactive task may pause or evict running batch work to start at once (default true).</summary>
    public bool AllowPreemption { get; init; } = true;

    /// <summary>Priority levels a queued task gains per minute of waiting, so batch work is not starved (default 0.2: one level per five minutes).</summary>
    public double AgingLevelsPerMinute { get; init; } = 0.2;

    /// <summary>After waiting this long, a task that does not fit reserves its node: nothing behind it may start there first (default 2 minutes).</summary>
    public TimeSpan StarvationThreshold { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Tasks one device may run at once, per accelerator family; families not listed use the hardware profile's concurrent streams.</summary>
    public IReadOnlyDictionary<AcceleratorKind, int> MaxConcurrentPerDevice { get; init; } = new Dictionary<AcceleratorKind, int>();

    /// <summary>Tasks a node's CPUs run at once (default 4).</summary>
    public int CpuSlots { get; init; } = 4;

    /// <summary>Concurrent tasks per device of <paramref name="kind"/> under this policy.</summary>
    public int SlotsPerDevice(AcceleratorKind kind, string? model = null) =>
        MaxConcurrentPerDevice.TryGetValue(kind, out var limit) ? limit
        : kind == AcceleratorKind.Cpu ? CpuSlots
        : Math.Max(1, AcceleratorProfiles.Find(kind, model).ConcurrentStreams);

    /// <summary>The problems with this policy, empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(AgingLevelsPerMinute >= 0) || !double.IsFinite(AgingLevelsPerMinute))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"scheduling.aging_levels_per_minute is {AgingLevelsPerMinute}; it must be a finite number ≥ 0."));
        }

        if (StarvationThreshold <= TimeSpan.Zero)
        {
            errors.Add($"scheduling.starvation_threshold is {StarvationThreshold}; it must be positive.");
        }

        if (CpuSlots < 1 || MaxConcurrentPerDevice.Values.Any(v => v < 1))
        {
            errors.Add("scheduling concurrency limits must be at least 1.");
        }

        return errors;
    }
}
