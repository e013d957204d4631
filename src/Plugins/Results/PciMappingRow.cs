namespace PveAgent.Plugins.Results;

/// <summary>One cluster PCI mapping in <see cref="PciDeviceList"/>.</summary>
/// <param name="Id">Mapping id, what <c>assign_gpu</c> takes.</param>
/// <param name="Paths">PCI addresses it maps on this node.</param>
/// <param name="Description">Its description.</param>
/// <param name="UsedBy">VMs passing it through, e.g. <c>VM 402 hostpci0</c>.</param>
public sealed record PciMappingRow(string Id, IReadOnlyList<string> Paths, string? Description = null, IReadOnlyList<string>? UsedBy = null);
