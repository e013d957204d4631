namespace PveAgent.Core.Plans;

/// <summary>Roll a guest back to a snapshot, losing everything since.</summary>
public sealed record RollbackSnapshotAction(GuestRef Guest, string Name) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Destructive;

    /// <inheritdoc />
    public override string Describe() => $"roll {Guest} back to snapshot '{Name}' (changes since are lost)";
}
