using PveAgent.Core.Registry;

namespace PveAgent.Core.Scheduling;

/// <summary>One device the scheduler hands out: its family, memory and concurrent task slots.</summary>
/// <param name="Index">Device index within the node (the CPU is listed after the accelerators).</param>
/// <param name="Kind">Accelerator family.</param>
/// <param name="MemoryGb">Device memory in GB (0: not tracked, e.g. CPU RAM).</param>
/// <param name="Slots">Tasks it runs at once.</param>
public sealed record SchedulerDevice(int Index, AcceleratorKind Kind, double MemoryGb, int Slots);
