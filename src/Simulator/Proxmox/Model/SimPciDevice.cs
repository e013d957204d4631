namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>One PCI function as <c>GET /nodes/{node}/hardware/pci</c> lists it (sysfs strings, <c>0x</c>-prefixed).</summary>
internal sealed class SimPciDevice
{
    /// <summary>Domain:bus:slot.function, e.g. <c>0000:01:00.0</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Class code, e.g. <c>0x030000</c>.</summary>
    public string Class { get; set; } = "";

    /// <summary>Vendor id, e.g. <c>0x10de</c>.</summary>
    public string Vendor { get; set; } = "";

    /// <summary>Device id, e.g. <c>0x2204</c>.</summary>
    public string Device { get; set; } = "";

    /// <summary>Vendor name from pci.ids.</summary>
    public string? VendorName { get; set; }

    /// <summary>Device name from pci.ids.</summary>
    public string? DeviceName { get; set; }

    /// <summary>Subsystem vendor id.</summary>
    public string? SubsystemVendor { get; set; }

    /// <summary>Subsystem device id.</summary>
    public string? SubsystemDevice { get; set; }

    /// <summary>Subsystem vendor name.</summary>
    public string? SubsystemVendorName { get; set; }

    /// <summary>IOMMU group (-1 without IOMMU).</summary>
    public int IommuGroup { get; set; }

    /// <summary>True when the device offers mediated devices.</summary>
    public bool Mdev { get; set; }

    /// <summary>The accelerator model from the registry this device stands for, when it is one.</summary>
    public string? AcceleratorModel { get; set; }
}
