namespace PveAgent.Core.Plans;

/// <summary>Stop a guest at once (like pulling the power).</summary>
public sealed record StopGuestAction(GuestRef Guest) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Disruptive;

    /// <inheritdoc />
    public override string Describe() => $"stop {Guest} on {Guest.Node} (hard stop)";
}
