namespace PveAgent.Core.Plans;

/// <summary>Delete a guest and its disks (used to undo a clone or create made by the same plan).</summary>
public sealed record DeleteGuestAction(GuestRef Guest) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Destructive;

    /// <inheritdoc />
    public override string Describe() => $"delete {Guest} and its disks";
}
