namespace PveAgent.Core.Simulation;

/// <summary>Picks the eligible place whose accelerators carry the least load: requests in flight per request they serve at full speed; ties go to registry order.</summary>
internal sealed class LeastLoadedPolicy : IRoutingPolicy
{
    public string Name => PolicyNames.LeastLoaded;

    public SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now)
    {
        SimTarget? best = null;
        var bestLoad = double.MaxValue;
        foreach (var target in cluster.Eligible(task.Request))
        {
            var load = SimulatedCluster.NormalisedLoad(target.Group);
            if (load < bestLoad)
            {
                best = target;
                bestLoad = load;
            }
        }

        return best;
    }
}
