namespace PveAgent.Plugins.Results;

/// <summary>The cluster at a glance (<c>cluster_status</c>).</summary>
/// <param name="Cluster">Cluster name.</param>
/// <param name="TakenAt">When the state was read.</param>
/// <param name="Nodes">Every node.</param>
/// <param name="GuestsRunning">Guests running, cluster-wide.</param>
/// <param name="GuestsTotal">Guests, templates excluded.</param>
/// <param name="Simulated">True when the state comes from the built-in simulator.</param>
public sealed record ClusterStatus(string Cluster, DateTimeOffset TakenAt, IReadOnlyList<NodeRow> Nodes, int GuestsRunning, int GuestsTotal, bool? Simulated = null) : ToolResult;
