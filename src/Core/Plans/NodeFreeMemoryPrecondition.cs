using System.Globalization;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>The node has at least this much free memory (a migration target must hold the guest).</summary>
public sealed record NodeFreeMemoryPrecondition(string Node, long Bytes) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"node {Node} has at least {Gib(Bytes)} GiB free memory";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var node = snapshot.FindNode(Node);
        return node is null ? PreconditionCheck.Fails($"node {Node} is no longer in the cluster")
            : node.FreeMemory >= Bytes ? PreconditionCheck.Ok(Describe())
            : PreconditionCheck.Fails($"node {Node} now has only {Gib(node.FreeMemory)} GiB free, the plan needs {Gib(Bytes)} GiB");
    }

    /// <inheritdoc />
    // The exact free figure moves every few seconds; the fingerprint records only whether the requirement holds.
    public override string Observe(ClusterSnapshot snapshot) => $"node {Node} free>={Bytes}:{(snapshot?.FindNode(Node)?.FreeMemory ?? 0) >= Bytes}";

    private static string Gib(long bytes) => (bytes / 1024d / 1024 / 1024).ToString("0.#", CultureInfo.InvariantCulture);
}
