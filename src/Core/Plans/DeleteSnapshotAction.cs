namespace PveAgent.Core.Plans;

/// <summary>Delete a snapshot.</summary>
public sealed record DeleteSnapshotAction(GuestRef Guest, string Name) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Destructive;

    /// <inheritdoc />
    public override string Describe() => $"delete snapshot '{Name}' of {Guest}";
}
