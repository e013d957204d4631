using System.Globalization;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>
/// What qemu-server decides about <c>hostpciN</c> entries: which host devices they take (raw ids, or the first free path of a
/// cluster mapping), start-time conflicts, and which entries block migration.
/// </summary>
internal static class PciPassthrough
{
    /// <summary>The <c>host</c> (default key) and <c>mapping</c> of a hostpci value.</summary>
    public static (string? Host, string? Mapping) Parse(string value)
    {
        string? host = null;
        string? mapping = null;
        foreach (var part in value.Split(','))
        {
            if (part.StartsWith("mapping=", StringComparison.Ordinal))
            {
                mapping = part["mapping=".Length..];
            }
            else if (part.StartsWith("host=", StringComparison.Ordinal))
            {
                host = part["host=".Length..];
            }
            else if (!part.Contains('=', StringComparison.Ordinal))
            {
                host = part;
            }
        }

        return (host, mapping);
    }

    /// <summary>Host devices a raw id names (<c>01:00</c> = every function of the device).</summary>
    public static List<string> DeviceIds(SimNode node, string host)
    {
        var result = new List<string>();
        foreach (var alternative in host.Split(';'))
        {
            var id = alternative.Count(c => c == ':') == 1 ? "0000:" + alternative : alternative;
            result.AddRange(node.PciDevices
                .Where(d => id.Contains('.', StringComparison.Ordinal) ? d.Id.Equals(id, StringComparison.OrdinalIgnoreCase) : d.Id.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase))
                .Select(d => d.Id));
        }

        return result;
    }

    /// <summary>The qmstart error for a VM's passthrough devices on its node, or null when they are all free.</summary>
    public static string? StartError(ProxmoxWorld world, SimGuest guest)
    {
        var node = world.FindNode(guest.Node)!;
        var used = DevicesInUse(world, node, guest);
        return Allocate(world, node, guest, ConfigEditor.Effective(guest), used).Error;
    }

    /// <summary>Devices taken by running VMs on a node (allocated in VMID order), device id → VMID.</summary>
    public static Dictionary<string, int> DevicesInUse(ProxmoxWorld world, SimNode node, SimGuest? except)
    {
        var used = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in world.Guests.Where(g => g.IsQemu && g.Running && g.Node == node.Name && g != except).OrderBy(g => g.VmId))
        {
            Allocate(world, node, other, other.Config, used);
        }

        return used;
    }

    /// <summary><c>hostpciN</c>, <c>usbN</c> with a host device, non-socket serial ports, … — what check_local_resources reports.</summary>
    public static List<string> LocalResources(SimGuest guest)
    {
        var result = new List<string>();
        foreach (var (key, value) in guest.Config)
        {
            var local = key switch
            {
                _ when key.StartsWith("hostpci", StringComparison.Ordinal) => Parse(value).Mapping is null,
                _ when key.StartsWith("usb", StringComparison.Ordinal) => value.StartsWith("host=", StringComparison.Ordinal) && !value.Contains("spice", StringComparison.Ordinal),
                _ when key.StartsWith("serial", StringComparison.Ordinal) => value != "socket",
                _ when key.StartsWith("parallel", StringComparison.Ordinal) || key.StartsWith("virtiofs", StringComparison.Ordinal) || key == "ivshmem" => true,
                _ => false,
            };
            if (local)
            {
                result.Add(key);
            }
        }

        return [.. result.OrderBy(k => k.TrimEnd("0123456789".ToCharArray()), StringComparer.Ordinal).ThenBy(Index)];
    }

    /// <summary>Mapped passthrough entries: config key and mapping id.</summary>
    public static List<(string Key, string Mapping)> MappedResources(SimGuest guest) =>
        [.. guest.Config.Where(kv => kv.Key.StartsWith("hostpci", StringComparison.Ordinal) && Parse(kv.Value).Mapping is not null)
            .Select(kv => (kv.Key, Parse(kv.Value).Mapping!))
            .OrderBy(x => Index(x.Key))];

    /// <summary>True when mapping <paramref name="mappingId"/> has an entry for <paramref name="node"/>.</summary>
    public static bool MappingCovers(ProxmoxWorld world, string mappingId, string node) =>
        world.PciMappings.FirstOrDefault(m => m.Id == mappingId) is { } mapping
        && mapping.Map.Any(entry => entry.StartsWith($"node={node},", StringComparison.Ordinal));

    private static (string? Error, int Count) Allocate(ProxmoxWorld world, SimNode node, SimGuest guest, IReadOnlyDictionary<string, string> config, Dictionary<string, int> used)
    {
        var count = 0;
        foreach (var (key, value) in config.Where(kv => kv.Key.StartsWith("hostpci", StringComparison.Ordinal)).OrderBy(kv => Index(kv.Key)))
        {
            var (host, mappingId) = Parse(value);
            if (mappingId is not null)
            {
                var entry = world.PciMappings.FirstOrDefault(m => m.Id == mappingId)?.Map
                    .FirstOrDefault(e => e.StartsWith($"node={node.Name},", StringComparison.Ordinal));
                if (entry is null)
                {
                    return ($"PCI device mapping not found for '{mappingId}'", count);
                }

                var paths = entry.Split(',').First(p => p.StartsWith("path=", StringComparison.Ordinal))["path=".Length..].Split(';');
                var free = paths.FirstOrDefault(p => DeviceIds(node, p).All(id => !used.ContainsKey(id)));
                if (free is null)
                {
                    return ($"could not find a free device for '{key}'", count);
                }

                foreach (var id in DeviceIds(node, free))
                {
                    used[id] = guest.VmId;
                }

                count++;
                continue;
            }

            if (host is null)
            {
                continue;
            }

            var ids = DeviceIds(node, host);
            if (ids.Count == 0)
            {
                return ($"no PCI device found for '{host}'", count);
            }

            foreach (var id in ids)
            {
                if (used.TryGetValue(id, out var owner) && owner != guest.VmId)
                {
                    return ($"PCI device '{id}' already in use by VMID '{owner}'", count);
                }

                used[id] = guest.VmId;
            }

            count++;
        }

        return (null, count);
    }

    private static int Index(string key)
    {
        var digits = new string([.. key.Reverse().TakeWhile(char.IsDigit).Reverse()]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
