namespace PveAgent.Core.Plans;

/// <summary>Pass a GPU (a cluster PCI mapping or a raw PCI id) through to a VM in the given slot.</summary>
public sealed record AssignGpuAction(GuestRef Guest, string Slot, string Device, bool IsMapping) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"pass {(IsMapping ? $"mapped device '{Device}'" : $"PCI device {Device}")} through to {Guest} as {Slot} (takes effect at its next start)";
}
