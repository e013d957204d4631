namespace PveAgent.Core.Plans;

/// <summary>Clone a guest or template to a new id.</summary>
public sealed record CloneGuestAction(GuestRef Source, int NewVmId, string? Name, string? TargetNode, bool Full) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"clone {Source} to {(Source.Type == State.GuestType.Qemu ? "VM" : "CT")} {NewVmId}{(Name is null ? "" : $" ({Name})")}{(TargetNode is null ? "" : $" on {TargetNode}")}{(Full ? ", full copy" : ", linked")}";
}
