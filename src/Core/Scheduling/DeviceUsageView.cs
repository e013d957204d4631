using PveAgent.Core.Registry;

namespace PveAgent.Core.Scheduling;

/// <summary>How full one device is.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Index">Device index.</param>
/// <param name="Kind">Accelerator family.</param>
/// <param name="UsedGb">Memory held by running tasks, GB.</param>
/// <param name="MemoryGb">Device memory, GB (0: not tracked).</param>
/// <param name="UsedSlots">Slots in use.</param>
/// <param name="Slots">Slots in all.</param>
public sealed record DeviceUsageView(string Node, int Index, AcceleratorKind Kind, double UsedGb, double MemoryGb, int UsedSlots, int Slots);
