using System.Text.RegularExpressions;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Discovery;

/// <summary>
/// Recognises accelerators among a node's PCI devices (<c>GET /nodes/{node}/hardware/pci</c>): NVIDIA and AMD display
/// controllers, Tenstorrent cards and FPGA boards by PCI vendor id, with a model name a person would write.
/// </summary>
public static partial class PciAcceleratorClassifier
{
    private const string NvidiaVendor = "0x10de";
    private const string AmdVendor = "0x1002";
    private const string TenstorrentVendor = "0x1e52";
    private const string XilinxVendor = "0x10ee";
    private const string AlteraVendor = "0x1172";

    /// <summary>The accelerator a PCI function is, or null for everything else (bridges, NICs, the GPU's audio function).</summary>
    public static (AcceleratorKind Kind, string Model)? Classify(PciDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var vendor = device.Vendor?.ToLowerInvariant();
        var displayController = device.Class?.StartsWith("0x03", StringComparison.OrdinalIgnoreCase) == true;
        return vendor switch
        {
            NvidiaVendor when displayController => (AcceleratorKind.Nvidia, NvidiaModel(device)),
            AmdVendor when displayController => (AcceleratorKind.Amd, BracketName(device.DeviceName) ?? device.DeviceName ?? $"AMD {device.Device}"),
            TenstorrentVendor => (AcceleratorKind.Tenstorrent, TenstorrentModel(device)),
            XilinxVendor or AlteraVendor when device.Class?.StartsWith("0x12", StringComparison.OrdinalIgnoreCase) == true
                || device.Class?.StartsWith("0x0b", StringComparison.OrdinalIgnoreCase) == true
                => (AcceleratorKind.Fpga, device.DeviceName ?? $"FPGA {device.Device}"),
            _ => null,
        };
    }

    /// <summary>"RTX 3090" from nvidia-smi's "NVIDIA GeForce RTX 3090" or lspci's "GA102 [GeForce RTX 3090]".</summary>
    public static string CleanNvidiaName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cleaned = BracketName(name) ?? name;
        cleaned = LeadingBrand().Replace(cleaned, "");
        return cleaned.Trim();
    }

    private static string NvidiaModel(PciDevice device) =>
        device.DeviceName is { Length: > 0 } name ? CleanNvidiaName(name) : $"NVIDIA {device.Device}";

    private static string TenstorrentModel(PciDevice device) => device.Device?.ToLowerInvariant() switch
    {
        // PCI device ids of the three generations (tt-kmd); the board (n150/n300, p100a/p150) needs tt-smi.
        "0x401e" => "wormhole",
        "0xb140" => "blackhole",
        "0xfaca" => "grayskull",
        _ => device.DeviceName ?? "tenstorrent",
    };

    private static string? BracketName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var match = Bracketed().Match(name);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^(NVIDIA\s+)?(GeForce\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingBrand();
}
