namespace PveAgent.Core.Simulation;

/// <summary>Cycles through the eligible places of each task type and model in registry order.</summary>
internal sealed class RoundRobinPolicy : IRoutingPolicy
{
    private readonly Dictionary<(string Type, string? Model), int> _next = [];

    public string Name => PolicyNames.RoundRobin;

    public SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now)
    {
        var eligible = cluster.Eligible(task.Request);
        if (eligible.Count == 0)
        {
            return null;
        }

        var key = (task.Request.Type.Name, task.Request.Model);
        var turn = _next.GetValueOrDefault(key);
        _next[key] = turn + 1;
        return eligible[turn % eligible.Count];
    }
}
