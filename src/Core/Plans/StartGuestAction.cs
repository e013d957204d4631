namespace PveAgent.Core.Plans;

/// <summary>Start a stopped guest.</summary>
public sealed record StartGuestAction(GuestRef Guest) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() => $"start {Guest} on {Guest.Node}";
}
