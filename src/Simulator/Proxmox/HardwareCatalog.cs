using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Proxmox;

/// <summary>Realistic hardware for seeded nodes: CPU and memory by node role, PCI ids of accelerators and chipsets (from pci.ids).</summary>
internal static class HardwareCatalog
{
    /// <summary>CPU, memory and disk of a node of a given role.</summary>
    public sealed record NodeProfile(string CpuModel, string Mhz, int Cores, int Threads, int MemoryGiB, int RootGiB, int ThinPoolGiB, bool AmdPlatform);

    /// <summary>PCI identity of one accelerator model.</summary>
    public sealed record AcceleratorPci(
        string Vendor, string VendorName, string Device, string DeviceName, string Class,
        string? AudioDevice, string? AudioName, string SubsystemVendor, string SubsystemDevice, string SubsystemVendorName);

    /// <summary>One chipset/onboard PCI function.</summary>
    public sealed record ChipsetDevice(string Id, string Class, string Vendor, string VendorName, string Device, string DeviceName, int IommuGroup);

    private const string Nvidia = "NVIDIA Corporation";
    private const string Amd = "Advanced Micro Devices, Inc. [AMD]";
    private const string Intel = "Intel Corporation";

    /// <summary>Profile by registry role: gpu-worker 32 threads/128 GiB, storage-compute 8/32, accelerator 16/64, otherwise 8/32.</summary>
    public static NodeProfile ForRole(string? role) => role switch
    {
        "gpu-worker" => new("AMD Ryzen 9 5950X 16-Core Processor", "3400.000", 16, 32, 128, 96, 1830, true),
        "accelerator" => new("AMD Ryzen 7 5700X 8-Core Processor", "3400.000", 8, 16, 64, 96, 860, true),
        "storage-compute" => new("Intel(R) Core(TM) i7-6700 CPU @ 3.40GHz", "3400.000", 4, 8, 32, 94, 380, false),
        _ => new("Intel(R) Core(TM) i7-6700 CPU @ 3.40GHz", "3400.000", 4, 8, 32, 94, 380, false),
    };

    /// <summary>PCI identity for an accelerator from the registry.</summary>
    public static AcceleratorPci ForAccelerator(AcceleratorConfig accelerator)
    {
        var model = Normalize(accelerator.Model);
        return accelerator.Kind switch
        {
            AcceleratorKind.Nvidia => model switch
            {
                var m when m.Contains("4090", StringComparison.Ordinal) =>
                    new("0x10de", Nvidia, "0x2684", "AD102 [GeForce RTX 4090]", "0x030000", "0x22ba", "AD102 High Definition Audio Controller", "0x1043", "0x889d", "ASUSTeK Computer Inc."),
                var m when m.Contains("3090ti", StringComparison.Ordinal) =>
                    new("0x10de", Nvidia, "0x2203", "GA102 [GeForce RTX 3090 Ti]", "0x030000", "0x1aef", "GA102 High Definition Audio Controller", "0x1043", "0x884d", "ASUSTeK Computer Inc."),
                var m when m.Contains("3080", StringComparison.Ordinal) =>
                    new("0x10de", Nvidia, "0x2206", "GA102 [GeForce RTX 3080]", "0x030000", "0x1aef", "GA102 High Definition Audio Controller", "0x3842", "0x3897", "eVga.com. Corp."),
                var m when m.Contains("3060", StringComparison.Ordinal) =>
                    new("0x10de", Nvidia, "0x2504", "GA106 [GeForce RTX 3060 Lite Hash Rate]", "0x030000", "0x228e", "GA106 High Definition Audio Controller", "0x1462", "0x397d", "Micro-Star International Co., Ltd. [MSI]"),
                _ => new("0x10de", Nvidia, "0x2204", "GA102 [GeForce RTX 3090]", "0x030000", "0x1aef", "GA102 High Definition Audio Controller", "0x3842", "0x3975", "eVga.com. Corp."),
            },
            AcceleratorKind.Tenstorrent => model switch
            {
                var m when m.Contains("grayskull", StringComparison.Ordinal) =>
                    new("0x1e52", "Tenstorrent Inc", "0xfaca", "Grayskull", "0x120000", null, null, "0x1e52", "0x0001", "Tenstorrent Inc"),
                var m when m.Contains("blackhole", StringComparison.Ordinal) =>
                    new("0x1e52", "Tenstorrent Inc", "0xb140", "Blackhole", "0x120000", null, null, "0x1e52", "0x0001", "Tenstorrent Inc"),
                _ => new("0x1e52", "Tenstorrent Inc", "0x401e", "Wormhole", "0x120000", null, null, "0x1e52", "0x0014", "Tenstorrent Inc"),
            },
            AcceleratorKind.Amd =>
                new("0x1002", "Advanced Micro Devices, Inc. [AMD/ATI]", "0x744c", "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]", "0x030000", "0xab30", "Navi 31 HDMI/DP Audio", "0x1da2", "0xe471", "Sapphire Technology Limited"),
            _ => new("0x10ee", "Xilinx Corporation", "0x5020", "Alveo U50", "0x120000", null, null, "0x10ee", "0x000e", "Xilinx Corporation"),
        };
    }

    /// <summary>Onboard devices of a node (bridges included: the default class blacklist hides them, as on a real node).</summary>
    public static IReadOnlyList<ChipsetDevice> Chipset(bool amdPlatform, int firstFreeBus) => amdPlatform
        ?
        [
            new("0000:00:00.0", "0x060000", "0x1022", Amd, "0x1480", "Starship/Matisse Root Complex", 0),
            new("0000:00:01.0", "0x060000", "0x1022", Amd, "0x1482", "Starship/Matisse PCIe Dummy Host Bridge", 1),
            new($"0000:{firstFreeBus:x2}:00.0", "0x010802", "0x144d", "Samsung Electronics Co Ltd", "0xa80a", "NVMe SSD Controller PM9A1/PM9A3/980PRO", 20),
            new($"0000:{firstFreeBus + 1:x2}:00.0", "0x020000", "0x8086", Intel, "0x1539", "I211 Gigabit Network Connection", 21),
            new($"0000:{firstFreeBus + 2:x2}:00.3", "0x0c0330", "0x1022", Amd, "0x149c", "Matisse USB 3.0 Host Controller", 22),
            new($"0000:{firstFreeBus + 3:x2}:00.0", "0x010601", "0x1022", Amd, "0x7901", "FCH SATA Controller [AHCI mode]", 23),
        ]
        :
        [
            new("0000:00:00.0", "0x060000", "0x8086", Intel, "0x191f", "Xeon E3-1200 v5/E3-1500 v5/6th Gen Core Processor Host Bridge/DRAM Registers", 0),
            new("0000:00:14.0", "0x0c0330", "0x8086", Intel, "0xa12f", "100 Series/C230 Series Chipset Family USB 3.0 xHCI Controller", 3),
            new("0000:00:17.0", "0x010601", "0x8086", Intel, "0xa102", "Q170/Q150/B150/H170/H110/Z170/CM236 Chipset SATA Controller [AHCI Mode]", 5),
            new("0000:00:1f.0", "0x060100", "0x8086", Intel, "0xa145", "Z170 Chipset LPC/eSPI Controller", 8),
            new("0000:00:1f.6", "0x020000", "0x8086", Intel, "0x15b8", "Ethernet Connection (2) I219-V", 8),
            new($"0000:{firstFreeBus:x2}:00.0", "0x010802", "0x144d", "Samsung Electronics Co Ltd", "0xa808", "NVMe SSD Controller SM981/PM981/PM983", 12),
        ];

    /// <summary>Lower-case model without spaces or dashes (<c>RTX 3090</c> → <c>rtx3090</c>).</summary>
    public static string Normalize(string model) =>
        new([.. model.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>A mapping id for a model (<c>RTX 3090</c> → <c>rtx-3090</c>).</summary>
    public static string MappingId(string model)
    {
        var chars = model.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-').Replace("--", "-", StringComparison.Ordinal);
    }
}
