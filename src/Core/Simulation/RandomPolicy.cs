namespace PveAgent.Core.Simulation;

/// <summary>Picks an eligible place uniformly at random, from its own seeded generator.</summary>
internal sealed class RandomPolicy(int seed) : IRoutingPolicy
{
#pragma warning disable CA5394 // Simulation, not security: a seeded, reproducible generator is the point.
    private readonly Random _random = new(seed);

    public string Name => PolicyNames.Random;

    public SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now)
    {
        var eligible = cluster.Eligible(task.Request);
        return eligible.Count == 0 ? null : eligible[_random.Next(eligible.Count)];
    }
#pragma warning restore CA5394
}
