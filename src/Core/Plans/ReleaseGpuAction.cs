namespace PveAgent.Core.Plans;

/// <summary>Remove a passed-through device from a VM.</summary>
public sealed record ReleaseGpuAction(GuestRef Guest, string Slot, string? PreviousValue) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() => $"remove {Slot}{(PreviousValue is null ? "" : $" ({PreviousValue})")} from {Guest} (takes effect at its next start)";
}
