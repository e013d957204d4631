using System.Globalization;

namespace PveAgent.Simulator.Telemetry;

/// <summary>How nvidia-smi names and identifies a card.</summary>
internal static class NvidiaNames
{
    /// <summary>nvidia-smi's <c>name</c>/<c>product_name</c> for a profile name (e.g. <c>NVIDIA GeForce RTX 3090</c>).</summary>
    public static string ProductName(DeviceReading device) => device.Profile.Name switch
    {
        "A100 80GB" => "NVIDIA A100-SXM4-80GB",
        "A100 40GB" => "NVIDIA A100-PCIE-40GB",
        "Tesla T4" => "Tesla T4",
        "Tesla P100" => "Tesla P100-PCIE-16GB",
        "RTX A6000" => "NVIDIA RTX A6000",
        "A10G" => "NVIDIA A10G",
        var name when name.StartsWith("RTX ", StringComparison.Ordinal) => "NVIDIA GeForce " + name,
        _ => "NVIDIA " + device.Config.Model,
    };

    public static string Brand(DeviceReading device) =>
        ProductName(device).Contains("GeForce", StringComparison.Ordinal) ? "GeForce"
        : device.Profile.Name.StartsWith("Tesla", StringComparison.Ordinal) ? "Tesla"
        : device.Profile.Name.StartsWith("RTX A", StringComparison.Ordinal) ? "NVIDIA RTX"
        : "NVIDIA";

    public static string Architecture(DeviceReading device) => device.Profile.Name switch
    {
        "RTX 4090" => "Ada Lovelace",
        "Tesla T4" => "Turing",
        "Tesla P100" => "Pascal",
        _ => "Ampere",
    };

    /// <summary>Datacenter cards are passively cooled: nvidia-smi reports no fan.</summary>
    public static bool HasFan(DeviceReading device) => Brand(device) is "GeForce" or "NVIDIA RTX";

    /// <summary><c>GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, stable for the node, device and seed.</summary>
    public static string Uuid(DeviceReading device, string node, int seed)
    {
        var hex = Inference.StableHash.Hex(device.Identity(node, seed), 32);
        return $"GPU-{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>PCI bus number of the card (one per slot: 01, 21, 41, …).</summary>
    public static int Bus(DeviceReading device) => 1 + (device.FamilyIndex * 0x20);

    public static string BusId(DeviceReading device) => string.Create(CultureInfo.InvariantCulture, $"00000000:{Bus(device):X2}:00.0");
}
