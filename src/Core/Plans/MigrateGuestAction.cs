namespace PveAgent.Core.Plans;

/// <summary>Move a guest to another node: live for a running VM, restart mode for a running container.</summary>
public sealed record MigrateGuestAction(GuestRef Guest, string TargetNode, bool Online, bool Restart = false) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => Restart ? ToolEffect.Disruptive : ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"migrate {Guest} from {Guest.Node} to {TargetNode}{(Online ? " (live)" : Restart ? " (restart mode: the container stops briefly)" : " (offline)")}";
}
