using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A PCI device of a node (<c>GET /nodes/{node}/hardware/pci</c>); ids are raw sysfs strings such as <c>0x10de</c>.</summary>
public sealed record PciDevice
{
    /// <summary>Address <c>0000:01:00.0</c> (domain:bus:slot.function).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>PCI class, e.g. <c>0x030000</c> (VGA controller).</summary>
    [JsonPropertyName("class")]
    public string? Class { get; init; }

    /// <summary>Vendor id, e.g. <c>0x10de</c> (NVIDIA).</summary>
    [JsonPropertyName("vendor")]
    public string? Vendor { get; init; }

    /// <summary>Device id, e.g. <c>0x2204</c>.</summary>
    [JsonPropertyName("device")]
    public string? Device { get; init; }

    /// <summary>IOMMU group; -1 when the node has no IOMMU, null when not reported.</summary>
    [JsonPropertyName("iommugroup")]
    public int? IommuGroup { get; init; }

    /// <summary>The device offers mediated devices.</summary>
    [JsonPropertyName("mdev")]
    public bool? Mdev { get; init; }

    /// <summary>NVIDIA vGPU capable (kernel 6.8+; not in the schema).</summary>
    [JsonPropertyName("nvidia")]
    public bool? Nvidia { get; init; }

    /// <summary>Vendor name from pci.ids.</summary>
    [JsonPropertyName("vendor_name")]
    public string? VendorName { get; init; }

    /// <summary>Device name from pci.ids.</summary>
    [JsonPropertyName("device_name")]
    public string? DeviceName { get; init; }

    /// <summary>Subsystem vendor id.</summary>
    [JsonPropertyName("subsystem_vendor")]
    public string? SubsystemVendor { get; init; }

    /// <summary>Subsystem device id.</summary>
    [JsonPropertyName("subsystem_device")]
    public string? SubsystemDevice { get; init; }

    /// <summary>Subsystem vendor name.</summary>
    [JsonPropertyName("subsystem_vendor_name")]
    public string? SubsystemVendorName { get; init; }

    /// <summary>Subsystem device name.</summary>
    [JsonPropertyName("subsystem_device_name")]
    public string? SubsystemDeviceName { get; init; }

    /// <summary>For an SR-IOV virtual function, its physical function's address.</summary>
    [JsonPropertyName("physfn")]
    public string? PhysicalFunction { get; init; }
}
