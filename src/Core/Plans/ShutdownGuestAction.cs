namespace PveAgent.Core.Plans;

/// <summary>Shut a guest down cleanly (ACPI / init), forcing a stop after the timeout when asked.</summary>
public sealed record ShutdownGuestAction(GuestRef Guest, int? TimeoutSeconds = null, bool ForceStop = false) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Disruptive;

    /// <inheritdoc />
    public override string Describe() => $"shut down {Guest} on {Guest.Node}";
}
