using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>The policy under test is the product: it builds a <see cref="State.ClusterSnapshot"/> of the simulated cluster and asks the real <see cref="Router"/>.</summary>
internal sealed class PveAgentPolicy(RoutingOptions options, double latencyRefreshSeconds) : IRoutingPolicy
{
    private readonly Router _router = new();
    private LatencyTable _latencies = LatencyTable.Empty;
    private double _latenciesAt = double.NegativeInfinity;

    public string Name => PolicyNames.PveAgent;

    public SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now)
    {
        if (now - _latenciesAt >= latencyRefreshSeconds)
        {
            _latencies = cluster.Latencies.Snapshot();
            _latenciesAt = now;
        }

        // In the simulated world Ollama pulls what it lacks (SimulatedCluster.CanPull), so the router must know that too.
        // The scheduler knows the jobs it started; the snapshot alone shows them only as utilisation, which tops out at 100 %.
        var decision = _router.Route(task.Request, cluster.Snapshot(now), options with { OllamaPullsOnDemand = true }, _latencies, cluster.JobLoad());
        if (decision.Best is not { } best || cluster.FindNode(best.Node) is not { } node)
        {
            return null;
        }

        if (best.Service is null)
        {
            return new SimTarget(node, null, node.GroupOf(best.Accelerator) ?? SimulatedCluster.JobGroup(node, task.Request), best.Model);
        }

        var service = node.Services.First(s => s.Name == best.Service);
        return new SimTarget(node, service, service.Group, best.Model);
    }
}
