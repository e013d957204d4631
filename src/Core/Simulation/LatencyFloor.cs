using PveAgent.Core.Hardware;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>
/// The completion times no routing policy can beat on an arrival sequence: each task alone on the cluster, its model
/// already loaded, on the eligible place that runs it fastest. A policy's p95 can come down to the floor's p95, no further.
/// </summary>
/// <remarks>
/// Models are placed on the fewest devices that hold them, as the simulator does on empty devices; a model a crowded
/// node splits over more devices runs faster than that, so a single task may rarely finish under its floor.
/// </remarks>
public sealed record LatencyFloor
{
    /// <summary>Tasks some place could run (the others fail under every policy and are left out).</summary>
    public required int Tasks { get; init; }

    /// <summary>Median of the tasks' least completion times, ms.</summary>
    public required double P50Ms { get; init; }

    /// <summary>95th percentile of the tasks' least completion times, ms.</summary>
    public required double P95Ms { get; init; }

    /// <summary>99th percentile of the tasks' least completion times, ms.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Every task's least completion time in ms, ascending.</summary>
    public required IReadOnlyList<double> TimesMs { get; init; }

    /// <summary>Share of the tasks, 0–1, that take longer than <paramref name="ms"/> even alone on their fastest place.</summary>
    public double ShareAbove(double ms)
    {
        var above = 0;
        for (var i = TimesMs.Count - 1; i >= 0 && TimesMs[i] > ms; i--)
        {
            above++;
        }

        return Tasks == 0 ? 0 : (double)above / Tasks;
    }

    internal static LatencyFloor Of(IReadOnlyList<SimTask> tasks, SimulatedCluster cluster)
    {
        var times = new List<double>(tasks.Count);
        foreach (var task in tasks)
        {
            var best = double.PositiveInfinity;
            foreach (var target in cluster.Eligible(task.Request))
            {
                best = Math.Min(best, IsolatedSeconds(task.Request, target));
            }

            if (double.IsFinite(best))
            {
                times.Add(best * 1000);
            }
        }

        times.Sort();
        return new LatencyFloor
        {
            Tasks = times.Count,
            P50Ms = Percentile(times, 0.50),
            P95Ms = Percentile(times, 0.95),
            P99Ms = Percentile(times, 0.99),
            TimesMs = times,
        };
    }

    /// <summary>Seconds the task takes at <paramref name="target"/> with nothing else running and its model warm (a job still loads its own).</summary>
    internal static double IsolatedSeconds(TaskRequest task, SimTarget target)
    {
        var group = target.Group;
        var profile = target.Model is null ? null : ModelCatalog.Find(target.Model);
        if (target.Service is null)
        {
            var load = profile is null ? 0 : PerformanceModel.LoadSeconds(profile, group.Profile);
            return WorkEstimator.ServiceSeconds(task, profile, group.Profile, 1) + load;
        }

        var devices = profile is null ? 1 : SimulatedCluster.DevicesOnEmpty(group, profile.ServingMemoryGb);
        return WorkEstimator.ServiceSeconds(task, profile, group.Profile, devices);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
