namespace PveAgent.Core.Simulation;

/// <summary>A way of choosing where each task runs, compared by the policy simulator.</summary>
internal interface IRoutingPolicy
{
    /// <summary>Name shown in reports (see <see cref="PolicyNames"/>).</summary>
    string Name { get; }

    /// <summary>Where <paramref name="task"/> should run at virtual time <paramref name="now"/>, or null when the policy finds nowhere.</summary>
    SimTarget? Choose(SimTask task, SimulatedCluster cluster, double now);
}
