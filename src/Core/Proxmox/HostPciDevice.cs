using System.Globalization;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// A <c>hostpciN</c> entry of a VM config, parsed from <c>[[host=]&lt;id[;id…]&gt;][,mapping=&lt;id&gt;][,pcie=&lt;1|0&gt;][,x-vga=&lt;1|0&gt;][,rombar=…]…</c>.
/// </summary>
public sealed record HostPciDevice
{
    /// <summary>Config key, e.g. <c>hostpci0</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The N of <c>hostpciN</c> (0–15).</summary>
    public required int Index { get; init; }

    /// <summary>The value exactly as in the config.</summary>
    public required string Raw { get; init; }

    /// <summary>Raw host devices (<c>01:00.0</c>, <c>0000:01:00</c> for all functions); several = alternatives. Empty for mapped devices.</summary>
    public IReadOnlyList<string> HostIds { get; init; } = [];

    /// <summary>Cluster PCI mapping id (<c>mapping=</c>), the only form an API token may set.</summary>
    public string? Mapping { get; init; }

    /// <summary>Passed as PCIe (needs the q35 machine type). Default false.</summary>
    public bool Pcie { get; init; }

    /// <summary>Primary GPU of the VM. Default false.</summary>
    public bool XVga { get; init; }

    /// <summary>Device ROM visible to the guest. Default true.</summary>
    public bool RomBar { get; init; } = true;

    /// <summary>Legacy Intel IGD mode. Default false.</summary>
    public bool LegacyIgd { get; init; }

    /// <summary>Mediated device type created at start (<c>mdev=</c>).</summary>
    public string? Mdev { get; init; }

    /// <summary><c>vfio</c> (default) or <c>keep</c>.</summary>
    public string? Driver { get; init; }

    /// <summary>Custom ROM file (root@pam only).</summary>
    public string? RomFile { get; init; }

    /// <summary>Every key/value of the entry, including the default key as <c>host</c>.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the device comes from a cluster mapping.</summary>
    public bool IsMapped => Mapping is not null;

    /// <summary>Parses the value of config key <paramref name="key"/> (<c>hostpciN</c>).</summary>
    /// <exception cref="FormatException">The key is not <c>hostpci0</c>…<c>hostpci15</c>.</exception>
    public static HostPciDevice Parse(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!TryGetIndex(key, out var index))
        {
            throw new FormatException($"'{key}' is not a hostpci key (hostpci0 … hostpci15).");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in PropertyString.Parse(value, defaultKey: "host"))
        {
            options[name] = text;
        }

        return new HostPciDevice
        {
            Key = key,
            Index = index,
            Raw = value,
            HostIds = options.TryGetValue("host", out var host) ? host.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            Mapping = options.GetValueOrDefault("mapping"),
            Pcie = Flag(options, "pcie", false),
            XVga = Flag(options, "x-vga", false),
            RomBar = Flag(options, "rombar", true),
            LegacyIgd = Flag(options, "legacy-igd", false),
            Mdev = options.GetValueOrDefault("mdev"),
            Driver = options.GetValueOrDefault("driver"),
            RomFile = options.GetValueOrDefault("romfile"),
            Options = options,
        };
    }

    /// <summary>True for <c>hostpci0</c>…<c>hostpci15</c>, giving the index.</summary>
    internal static bool TryGetIndex(string key, out int index)
    {
        index = -1;
        return key.StartsWith("hostpci", StringComparison.Ordinal)
            && key.Length > "hostpci".Length
            && int.TryParse(key.AsSpan("hostpci".Length), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index is >= 0 and < MaxDevices;
    }

    /// <summary>PVE allows hostpci0 to hostpci15 (qemu-server <c>$MAX_HOSTPCI_DEVICES</c>).</summary>
    internal const int MaxDevices = 16;

    private static bool Flag(Dictionary<string, string> options, string name, bool fallback) =>
        options.TryGetValue(name, out var text) ? text is "1" or "on" or "yes" or "true" : fallback;
}
