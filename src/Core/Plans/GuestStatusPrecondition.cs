using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>The guest is in the given status (<c>running</c>, <c>stopped</c>).</summary>
public sealed record GuestStatusPrecondition(GuestRef Guest, string Status) : Precondition
{
    /// <inheritdoc />
    public override string Describe() => $"{Guest} is {Status}";

    /// <inheritdoc />
    public override PreconditionCheck Check(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var guest = snapshot.FindGuest(Guest.VmId);
        return guest is null ? PreconditionCheck.Fails($"{Guest} no longer exists")
            : string.Equals(guest.Status, Status, StringComparison.OrdinalIgnoreCase) ? PreconditionCheck.Ok(Describe())
            : PreconditionCheck.Fails($"{Guest} is now {guest.Status}, not {Status}");
    }

    /// <inheritdoc />
    public override string Observe(ClusterSnapshot snapshot) => $"guest {Guest.VmId} status={snapshot?.FindGuest(Guest.VmId)?.Status ?? "-"}";
}
