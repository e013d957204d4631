using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>The node is in the given state (online, asleep).</summary>
public sealed record NodeStatusPrecondition(string Node, NodeStatus Status) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"node {Node} is {Status.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var node = snapshot.FindNode(Node);
        return node is null ? PreconditionCheck.Fails($"node {Node} is no longer in the cluster")
            : node.Status == Status ? PreconditionCheck.Ok(Describe())
            : PreconditionCheck.Fails($"node {Node} is now {node.Status.ToString().ToLowerInvariant()}, not {Status.ToString().ToLowerInvariant()}");
    }

    /// <inheritdoc />
    public override string Observe(ClusterSnapshot snapshot) => $"node {Node} status={snapshot?.FindNode(Node)?.Status.ToString() ?? "-"}";
}
