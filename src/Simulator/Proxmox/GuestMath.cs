using System.Globalization;
using System.Text.RegularExpressions;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>Reads sizes out of a guest's configuration strings the way PVE interprets them.</summary>
internal static partial class GuestMath
{
    private const long MiB = 1024L * 1024;

    /// <summary>Disk keys that hold volumes (VM buses and container mount points).</summary>
    public static bool IsDiskKey(string key) =>
        DiskKeyPattern().IsMatch(key) && !key.StartsWith("unused", StringComparison.Ordinal);

    /// <summary>Configured memory in bytes (VM <c>memory: [current=]N</c>, CT <c>memory: N</c>, MiB; default 512).</summary>
    public static long MemoryBytes(SimGuest guest) => MemoryBytes(guest.Config);

    /// <summary>Configured memory in bytes of a configuration.</summary>
    public static long MemoryBytes(IReadOnlyDictionary<string, string> config)
    {
        var text = config.GetValueOrDefault("memory") ?? "512";
        var value = text.StartsWith("current=", StringComparison.Ordinal) ? text["current=".Length..] : text;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            value = value[..comma];
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) ? mib * MiB : 512 * MiB;
    }

    /// <summary>vCPUs: sockets × cores for VMs (vcpus when set), cores for containers (node threads when unset).</summary>
    public static int Cpus(SimGuest guest, int nodeThreads)
    {
        var cores = Int(guest.Config, "cores");
        if (!guest.IsQemu)
        {
            return cores ?? nodeThreads;
        }

        return Int(guest.Config, "vcpus") ?? ((cores ?? 1) * (Int(guest.Config, "sockets") ?? 1));
    }

    /// <summary>Size of the boot/root disk in bytes (qemu: first disk with a size; lxc: rootfs).</summary>
    public static long DiskBytes(SimGuest guest) =>
        guest.Config.Where(kv => IsDiskKey(kv.Key) && !kv.Value.Contains("media=cdrom", StringComparison.Ordinal) && !kv.Key.StartsWith("efidisk", StringComparison.Ordinal))
            .Select(kv => SizeOf(kv.Value))
            .Sum();

    /// <summary>Volumes of a guest as <c>(key, volid, size bytes)</c>, skipping CD-ROMs without media and bind mounts.</summary>
    public static IEnumerable<(string Key, string VolId, long Size)> Volumes(SimGuest guest)
    {
        foreach (var (key, value) in guest.Config)
        {
            if (!IsDiskKey(key))
            {
                continue;
            }

            var volume = value.Split(',')[0];
            if (volume == "none" || volume.StartsWith('/') || !volume.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            yield return (key, volume, SizeOf(value));
        }
    }

    /// <summary>Parses <c>size=32G</c> (K, M, G, T) out of a volume string; 0 when absent.</summary>
    public static long SizeOf(string volume)
    {
        var match = SizePattern().Match(volume);
        if (!match.Success)
        {
            return 0;
        }

        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups[2].Value switch
        {
            "K" => 1024L,
            "M" => MiB,
            "G" => 1024 * MiB,
            "T" => 1024 * 1024 * MiB,
            _ => 1L,
        };
        return (long)(number * factor);
    }

    /// <summary>An integer config value, or null.</summary>
    public static int? Int(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^(ide|sata|scsi|virtio|efidisk|tpmstate|rootfs|mp|unused)\d*$")]
    private static partial Regex DiskKeyPattern();

    [GeneratedRegex(@"(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)(?:,|$)")]
    private static partial Regex SizePattern();
}
