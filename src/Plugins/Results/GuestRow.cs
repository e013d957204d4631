namespace PveAgent.Plugins.Results;

/// <summary>One guest in <see cref="GuestList"/>.</summary>
/// <param name="Vmid">Guest id.</param>
/// <param name="Name">Guest name.</param>
/// <param name="Type"><c>vm</c> or <c>ct</c>.</param>
/// <param name="Node">Node it is on.</param>
/// <param name="Status"><c>running</c>, <c>stopped</c> …</param>
/// <param name="MemGib">Configured memory, GiB.</param>
/// <param name="Cpus">vCPUs.</param>
/// <param name="Lock">Config lock, when held.</param>
/// <param name="Template">True for templates.</param>
public sealed record GuestRow(int Vmid, string Name, string Type, string Node, string Status, double MemGib, int Cpus, string? Lock = null, bool? Template = null);
