using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Scheduling;

/// <summary>A node as the scheduler sees it: its devices.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Devices">Devices, accelerators first, then the CPU.</param>
public sealed record SchedulerNode(string Name, IReadOnlyList<SchedulerDevice> Devices)
{
    /// <summary>The devices of a node as <c>cluster.yaml</c> describes them, with slots from <paramref name="policy"/>.</summary>
    public static SchedulerNode FromConfig(NodeConfig node, SchedulingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(policy);
        var devices = new List<SchedulerDevice>();
        foreach (var accelerator in node.Accelerators.Where(a => a.Kind != AcceleratorKind.Cpu))
        {
            var memory = accelerator.VramGb ?? AcceleratorProfiles.Find(accelerator.Kind, accelerator.Model).MemoryGb;
            for (var i = 0; i < Math.Max(1, accelerator.Count); i++)
            {
                devices.Add(new SchedulerDevice(devices.Count, accelerator.Kind, memory, policy.SlotsPerDevice(accelerator.Kind, accelerator.Model)));
            }
        }

        devices.Add(new SchedulerDevice(devices.Count, AcceleratorKind.Cpu, 0, policy.SlotsPerDevice(AcceleratorKind.Cpu)));
        return new SchedulerNode(node.Name, devices);
    }
}
