namespace PveAgent.Core.Plans;

/// <summary>Take a snapshot of a guest.</summary>
public sealed record CreateSnapshotAction(GuestRef Guest, string Name, string? Description = null, bool IncludeRam = false) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() => $"snapshot {Guest} as '{Name}'{(IncludeRam ? " including RAM" : "")}";
}
