using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>No guest has this id yet (a clone or create will take it).</summary>
public sealed record GuestAbsentPrecondition(int VmId) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"id {VmId} is free";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var guest = snapshot.FindGuest(VmId);
        return guest is null ? PreconditionCheck.Ok(Describe()) : PreconditionCheck.Fails($"id {VmId} is now taken by {guest.Name} on {guest.Node}");
    }

    /// <inheritdoc />
    public override string Observe(ClusterSnapshot snapshot) => $"vmid {VmId} taken={snapshot?.FindGuest(VmId) is not null}";
}
