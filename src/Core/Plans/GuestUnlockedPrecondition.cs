using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>No operation holds a lock on the guest (migration, backup, snapshot).</summary>
public sealed record GuestUnlockedPrecondition(GuestRef Guest) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"{Guest} is not locked";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var guest = snapshot.FindGuest(Guest.VmId);
        return guest is null ? PreconditionCheck.Fails($"{Guest} no longer exists")
            : guest.Lock is null ? PreconditionCheck.Ok(Describe())
            : PreconditionCheck.Fails($"{Guest} is locked ({guest.Lock})");
    }

    /// <inheritdoc />
    public override string Observe(ClusterSnapshot snapshot) => $"guest {Guest.VmId} lock={snapshot?.FindGuest(Guest.VmId)?.Lock ?? "none"}";
}
