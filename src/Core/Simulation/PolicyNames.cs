namespace PveAgent.Core.Simulation;

/// <summary>The routing policies the simulator compares.</summary>
public static class PolicyNames
{
    /// <summary>Cycles through the capable services of each task type in turn.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>Picks a capable service uniformly at random (seeded).</summary>
    public const string Random = "random";

    /// <summary>Picks the capable service whose accelerators carry the least normalised load.</summary>
    public const string LeastLoaded = "least-loaded";

    /// <summary>Picks the first capable service in registry order that has a free stream and room for the model.</summary>
    public const string FifoFirstFit = "fifo-first-fit";

    /// <summary>PveAgent's router.</summary>
    public const string PveAgent = "pveagent";

    /// <summary>Every policy, baselines first.</summary>
    public static IReadOnlyList<string> All { get; } = [RoundRobin, Random, LeastLoaded, FifoFirstFit, PveAgent];
}
