namespace PveAgent.Core.State;

/// <summary>A VM or container as listed by <c>/cluster/resources</c>.</summary>
public sealed record GuestState
{
    /// <summary>Guest id.</summary>
    public required int VmId { get; init; }

    /// <summary>Guest name (may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>VM or container.</summary>
    public required GuestType Type { get; init; }

    /// <summary>Node the guest is on.</summary>
    public required string Node { get; init; }

    /// <summary><c>running</c>, <c>stopped</c>, <c>paused</c>, <c>suspended</c> or <c>unknown</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Tags (split on <c>;</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>True for templates.</summary>
    public bool Template { get; init; }

    /// <summary>Config lock (<c>migrate</c>, <c>backup</c>, <c>snapshot</c> …), when held.</summary>
    public string? Lock { get; init; }

    /// <summary>CPU utilisation relative to <see cref="MaxCpu"/>, 0–1.</summary>
    public double Cpu { get; init; }

    /// <summary>vCPUs.</summary>
    public int MaxCpu { get; init; }

    /// <summary>Used memory in bytes.</summary>
    public long Memory { get; init; }

    /// <summary>Configured memory in bytes.</summary>
    public long MaxMemory { get; init; }

    /// <summary>HA state, when the guest is HA-managed.</summary>
    public string? HaState { get; init; }

    /// <summary>Resource pool, when any.</summary>
    public string? Pool { get; init; }

    /// <summary>True when <see cref="Status"/> is <c>running</c>.</summary>
    public bool IsRunning => Status == "running";
}
