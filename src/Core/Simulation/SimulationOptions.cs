using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>Settings of the policy simulator that are not part of the workload.</summary>
public sealed record SimulationOptions
{
    /// <summary>The documented defaults.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>Router weights the <c>pveagent</c> policy uses (default <see cref="RoutingOptions.Default"/>).</summary>
    public RoutingOptions Routing { get; init; } = RoutingOptions.Default;

    /// <summary>RAM in GB of a node whose size the registry does not give (CPU inference uses it; default 64).</summary>
    public double NodeRamGb { get; init; } = 64;

    /// <summary>A task that takes longer than this from arrival to completion counts as failed (the client gave up; default 300 s).</summary>
    public double TimeoutSeconds { get; init; } = 300;

    /// <summary>After the last arrival, how long work may still run before what is left counts as failed (default 1800 s).</summary>
    public double DrainSeconds { get; init; } = 1800;

    /// <summary>How often the measured latencies the router sees are refreshed, in virtual seconds (default 10).</summary>
    public double LatencyRefreshSeconds { get; init; } = 10;
}
