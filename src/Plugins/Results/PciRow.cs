namespace PveAgent.Plugins.Results;

/// <summary>One PCI device in <see cref="PciDeviceList"/>.</summary>
/// <param name="Id">PCI address, e.g. <c>0000:01:00.0</c>.</param>
/// <param name="Device">Device name.</param>
/// <param name="Vendor">Vendor name.</param>
/// <param name="IommuGroup">IOMMU group.</param>
/// <param name="UsedBy">The VM and slot passing it through, e.g. <c>VM 201 hostpci0</c>.</param>
public sealed record PciRow(string Id, string? Device = null, string? Vendor = null, int? IommuGroup = null, string? UsedBy = null);
