namespace PveAgent.Core.Simulation;

/// <summary>
/// Seed 001's FIFO scheduler: tasks in arrival order go to the first eligible place in registry order that has a free
/// stream and room for the model (warm, free memory, or idle models it may unload); when none has, to the first.
/// </summary>
internal sealed class FifoFirstFitPolicy : IRoutingPolicy
{
    public string Name => PolicyNames.FifoFirstFit;

    public SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now)
    {
        var eligible = cluster.Eligible(task.Request);
        foreach (var target in eligible)
        {
            if (target.Group.InFlight >= target.Group.Capacity)
            {
                continue;
            }

            if (target.Service is null || target.Model is null)
            {
                return target;
            }

            var resident = SimulatedCluster.FindResident(target.Service, Routing.ModelKey.Normalize(target.Model));
            if (resident is not null || SimulatedCluster.CouldPlaceEvictingIdle(target.Group, Hardware.ModelCatalog.Find(target.Model).ServingMemoryGb))
            {
                return target;
            }
        }

        return eligible.Count > 0 ? eligible[0] : null;
    }
}
