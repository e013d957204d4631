using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>The guest exists and lives on the given node.</summary>
public sealed record GuestOnNodePrecondition(GuestRef Guest, string Node) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"{Guest} is on {Node}";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var guest = snapshot.FindGuest(Guest.VmId);
        return guest is null ? PreconditionCheck.Fails($"{Guest} no longer exists")
            : string.Equals(guest.Node, Node, StringComparison.OrdinalIgnoreCase) ? PreconditionCheck.Ok(Describe())
            : PreconditionCheck.Fails($"{Guest} is now on {guest.Node}, not {Node}");
    }

    /// <inheritdoc />
    public override string Observe(ClusterSnapshot snapshot) => $"guest {Guest.VmId} node={snapshot?.FindGuest(Guest.VmId)?.Node ?? "-"}";
}
