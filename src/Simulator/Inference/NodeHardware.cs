using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>One physical accelerator of a node (a group of <c>count: 3</c> in cluster.yaml is three of these).</summary>
internal sealed record AcceleratorDevice(int Index, AcceleratorConfig Config, AcceleratorProfile Profile, double CapacityGb);

/// <summary>
/// The accelerators of a node as the simulator uses them: every device in declaration order, and the group the node's
/// inference services run on (the first accelerator group; a CPU-only node runs on its CPU with no memory limit).
/// </summary>
internal sealed class NodeHardware
{
    public NodeHardware(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var devices = new List<AcceleratorDevice>();
        foreach (var group in node.Accelerators.Where(a => a.Kind != AcceleratorKind.Cpu))
        {
            var profile = AcceleratorProfiles.Find(group.Kind, group.Model);
            var capacity = group.VramGb ?? profile.MemoryGb;
            for (var i = 0; i < Math.Max(group.Count, 1); i++)
            {
                devices.Add(new AcceleratorDevice(devices.Count, group, profile, capacity));
            }
        }

        Devices = devices;
        var first = devices.FirstOrDefault()?.Config;
        ComputeDevices = first is null ? [] : [.. devices.Where(d => ReferenceEquals(d.Config, first))];
    }

    /// <summary>Every accelerator of the node.</summary>
    public IReadOnlyList<AcceleratorDevice> Devices { get; }

    /// <summary>The devices inference services use.</summary>
    public IReadOnlyList<AcceleratorDevice> ComputeDevices { get; }

    public bool IsCpuOnly => ComputeDevices.Count == 0;

    /// <summary>Profile requests are timed with.</summary>
    public AcceleratorProfile Profile => IsCpuOnly ? AcceleratorProfiles.Cpu : ComputeDevices[0].Profile;

    /// <summary>Device memory services share, GB (infinite on a CPU-only node: its RAM is not modelled).</summary>
    public double CapacityGb => IsCpuOnly ? double.PositiveInfinity : ComputeDevices.Sum(d => d.CapacityGb);

    /// <summary>Devices a model is spread over (tensor parallel when it does not fit on one).</summary>
    public int DevicesFor(ModelProfile model)
    {
        if (IsCpuOnly)
        {
            return 1;
        }

        var needed = PerformanceModel.DevicesNeeded(model, Profile, ComputeDevices.Count);
        return needed == 0 ? ComputeDevices.Count : needed;
    }
}
