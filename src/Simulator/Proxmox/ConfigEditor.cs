using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>
/// Changes guest configurations the way qemu-server does: keys that cannot be hot-plugged into a running VM become pending
/// until the next start (qs:<c>QemuServer.pm</c> vmconfig_hotplug_pending), everything else applies at once.
/// </summary>
internal static partial class ConfigEditor
{
    // Options qemu-server applies to a running VM immediately ("fast plug") plus the default hotplug set network,disk,usb.
    private static readonly HashSet<string> FastPlug = new(StringComparer.Ordinal)
    {
        "name", "description", "onboot", "protection", "startup", "tags", "lock", "hookscript",
    };

    /// <summary>True when a change to <paramref name="key"/> takes effect on a running guest without a restart.</summary>
    public static bool IsHotpluggable(SimGuest guest, string key) =>
        !guest.IsQemu || FastPlug.Contains(key) || HotplugPattern().IsMatch(key);

    /// <summary>Applies sets and deletes; on a running VM non-hotpluggable ones become pending.</summary>
    public static void Apply(SimGuest guest, IReadOnlyDictionary<string, string> set, IEnumerable<string> delete, bool running)
    {
        foreach (var key in delete)
        {
            if (running && !IsHotpluggable(guest, key))
            {
                if (!guest.PendingDelete.Contains(key))
                {
                    guest.PendingDelete.Add(key);
                }

                guest.Pending.Remove(key);
            }
            else
            {
                guest.Config.Remove(key);
                guest.Pending.Remove(key);
                guest.PendingDelete.Remove(key);
            }
        }

        foreach (var (key, value) in set)
        {
            if (running && !IsHotpluggable(guest, key))
            {
                guest.Pending[key] = value;
            }
            else
            {
                guest.Config[key] = value;
                guest.Pending.Remove(key);
            }

            guest.PendingDelete.Remove(key);
        }
    }

    /// <summary>Moves pending changes into the configuration (at start, reboot).</summary>
    public static void ApplyPending(SimGuest guest)
    {
        foreach (var key in guest.PendingDelete)
        {
            guest.Config.Remove(key);
        }

        foreach (var (key, value) in guest.Pending)
        {
            guest.Config[key] = value;
        }

        guest.Pending.Clear();
        guest.PendingDelete.Clear();
    }

    /// <summary>The configuration with pending changes applied (what <c>GET …/config</c> shows unless <c>current=1</c>).</summary>
    public static SortedDictionary<string, string> Effective(SimGuest guest)
    {
        var result = new SortedDictionary<string, string>(guest.Config, StringComparer.Ordinal);
        foreach (var key in guest.PendingDelete)
        {
            result.Remove(key);
        }

        foreach (var (key, value) in guest.Pending)
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>SHA-1 of the configuration file text, as PVE's <c>digest</c>.</summary>
    public static string Digest(SimGuest guest)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in guest.Config)
        {
            text.Append(key).Append(": ").Append(value).Append('\n');
        }

        foreach (var (key, value) in guest.Pending)
        {
            text.Append("[PENDING] ").Append(key).Append(": ").Append(value).Append('\n');
        }

        // SHA-1 because that is the digest PVE publishes; it is a change detector here, not a security measure.
#pragma warning disable CA5350
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Turns the allocation syntax <c>STORAGE:SIZE_GiB[,opts]</c> into an allocated volume <c>STORAGE:vm-ID-disk-N,…,size=NG</c>.
    /// </summary>
    public static string AllocateVolume(string value, int vmId, ref int diskIndex)
    {
        var match = AllocationPattern().Match(value);
        if (!match.Success)
        {
            return value;
        }

        var storage = match.Groups[1].Value;
        var size = match.Groups[2].Value;
        var options = match.Groups[3].Value;
        return $"{storage}:vm-{vmId}-disk-{diskIndex++}{options},size={size}G";
    }

    [GeneratedRegex(@"^(net|scsi|virtio|usb)\d+$")]
    private static partial Regex HotplugPattern();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9\-_.]*):(\d+)((?:,[^,]+)*)$")]
    private static partial Regex AllocationPattern();
}
