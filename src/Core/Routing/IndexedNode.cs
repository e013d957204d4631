using PveAgent.Core.State;

namespace PveAgent.Core.Routing;

/// <summary>A node with what routing asks of it precomputed: capability bits, accelerator groups, services.</summary>
internal sealed class IndexedNode
{
    public required NodeState State { get; init; }

    public required string Name { get; init; }

    public required int Order { get; init; }

    /// <summary>Bit i set when the node declares the index's capability i.</summary>
    public required ulong CapabilityBits { get; init; }

    /// <summary>Declared capabilities (used only when the index knows more than 64 names).</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    public required AcceleratorGroup[] Groups { get; init; }

    public required IndexedService[] Services { get; init; }

    public required double BootSeconds { get; init; }

    /// <summary>Models loaded by idle services, largest first: memory another service may reclaim.</summary>
    public required IndexedService.LoadedEntry[] IdleLoaded { get; init; }

    public required double IdleLoadedGb { get; init; }

    /// <summary>Models loaded by busy services, largest first: memory that frees only when their work ends.</summary>
    public required IndexedService.LoadedEntry[] BusyLoaded { get; init; }

    public required double BusyLoadedGb { get; init; }

    /// <summary>Watts the node draws idle (what waking it adds for as long as it is up).</summary>
    public required double IdleWatts { get; init; }

    /// <summary>The group a job or service uses when the task asks for no accelerator family: the first accelerator, else the CPU.</summary>
    public AcceleratorGroup? PrimaryGroup => Groups.Length > 0 ? Groups[0] : null;

    public AcceleratorGroup? GroupOf(Registry.AcceleratorKind kind)
    {
        foreach (var group in Groups)
        {
            if (group.Kind == kind)
            {
                return group;
            }
        }

        return null;
    }
}
