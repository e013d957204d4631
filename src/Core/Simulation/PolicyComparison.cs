using PveAgent.Core.Registry;

namespace PveAgent.Core.Simulation;

/// <summary>Runs routing policies on the same arrival sequence over the same simulated cluster and reports what each achieved.</summary>
public static class PolicyComparison
{
    /// <summary>
    /// Simulates <paramref name="minutes"/> of <paramref name="workload"/> on <paramref name="cluster"/> once per policy
    /// (each from a cold cluster, all with the tasks generated from <paramref name="seed"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A policy name is unknown.</exception>
    public static ComparisonReport Run(
        ClusterConfig cluster, WorkloadProfile workload, double minutes, int seed, IEnumerable<string> policies, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        options ??= SimulationOptions.Default;
        var names = policies.ToList();
        foreach (var name in names.Where(n => !PolicyNames.All.Contains(n)))
        {
            throw new ArgumentException($"Unknown policy '{name}'; use one of {string.Join(", ", PolicyNames.All)}, or 'all'.", nameof(policies));
        }

        var tasks = WorkloadGenerator.Generate(workload, minutes, seed);
        var results = names
            .Select(name => new PolicySimulation(new SimulatedCluster(cluster, options), Create(name, seed, options)).Run(tasks, minutes))
            .ToList();
        return new ComparisonReport
        {
            Workload = workload.Name,
            Minutes = minutes,
            Seed = seed,
            Cluster = cluster.Cluster.Name,
            Nodes = cluster.Nodes.Count,
            Tasks = tasks.Count,
            Floor = LatencyFloor.Of(tasks, new SimulatedCluster(cluster, options)),
            Policies = results,
        };
    }

    private static IRoutingPolicy Create(string name, int seed, SimulationOptions options) => name switch
    {
        PolicyNames.RoundRobin => new RoundRobinPolicy(),
        PolicyNames.Random => new RandomPolicy(seed),
        PolicyNames.LeastLoaded => new LeastLoadedPolicy(),
        PolicyNames.FifoFirstFit => new FifoFirstFitPolicy(),
        _ => new PveAgentPolicy(options.Routing, options.LatencyRefreshSeconds),
    };
}
