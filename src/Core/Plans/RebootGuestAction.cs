namespace PveAgent.Core.Plans;

/// <summary>Reboot a running guest.</summary>
public sealed record RebootGuestAction(GuestRef Guest) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Disruptive;

    /// <inheritdoc />
    public override string Describe() => $"reboot {Guest} on {Guest.Node}";
}
