namespace PveAgent.Plugins.Results;

/// <summary>A node's passthrough candidates: accelerator PCI devices and the cluster mappings covering the node (<c>pci_devices</c>).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Devices">Accelerator-class PCI devices.</param>
/// <param name="Mappings">Cluster PCI mappings with an entry for this node.</param>
public sealed record PciDeviceList(string Node, IReadOnlyList<PciRow> Devices, IReadOnlyList<PciMappingRow> Mappings) : ToolResult;
