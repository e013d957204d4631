using System.Globalization;
using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// A guest's configuration (<c>GET …/{vmid}/config</c>): every key as PVE stores it, as text, plus typed accessors for the
/// keys PveAgent uses. Shows pending values (e.g. a hostpci change waiting for the next start) as PVE does by default.
/// </summary>
public sealed record GuestConfig
{
    /// <summary>VM or container.</summary>
    public required GuestType Kind { get; init; }

    /// <summary>Every config key and its value as text (numbers and booleans as PVE wrote them, e.g. <c>1</c>).</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>SHA-1 of the config file; pass it to an update to refuse changes made meanwhile by someone else.</summary>
    public string? Digest => Get("digest");

    /// <summary>VM <c>name</c>, or container <c>hostname</c>.</summary>
    public string? Name => Get(Kind == GuestType.Qemu ? "name" : "hostname");

    /// <summary>Tags, split.</summary>
    public IReadOnlyList<string> Tags => PropertyString.SplitList(Get("tags"));

    /// <summary>Config lock (<c>backup</c>, <c>migrate</c>, <c>snapshot</c>, <c>suspended</c> …), if held.</summary>
    public string? Lock => Get("lock");

    /// <summary>Memory in MiB (a VM's <c>memory</c> may be <c>current=N</c>); null when not set (PVE's default applies).</summary>
    public int? MemoryMiB
    {
        get
        {
            var memory = PropertyString.Parse(Get("memory"), defaultKey: "current");
            var current = memory.FirstOrDefault(p => p.Key == "current").Value;
            return int.TryParse(current, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) ? mib : null;
        }
    }

    /// <summary>Cores (per socket for VMs); null when not set.</summary>
    public int? Cores => GetInt("cores");

    /// <summary>CPU sockets (VMs); null when not set.</summary>
    public int? Sockets => GetInt("sockets");

    /// <summary>True for templates.</summary>
    public bool Template => Get("template") is "1";

    /// <summary>Description (the comment block of the config).</summary>
    public string? Description => Get("description");

    /// <summary>PCI passthrough devices, ordered by index (VMs only).</summary>
    public IReadOnlyList<HostPciDevice> HostPci =>
    [
        .. Values
            .Where(entry => HostPciDevice.TryGetIndex(entry.Key, out _))
            .Select(entry => HostPciDevice.Parse(entry.Key, entry.Value))
            .OrderBy(device => device.Index),
    ];

    /// <summary>The lowest free <c>hostpciN</c> index, or null when all 16 are used.</summary>
    public int? FreeHostPciIndex
    {
        get
        {
            var used = HostPci.Select(d => d.Index).ToHashSet();
            return Enumerable.Range(0, HostPciDevice.MaxDevices).Cast<int?>().FirstOrDefault(i => !used.Contains(i!.Value));
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    private int? GetInt(string key) =>
        int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
