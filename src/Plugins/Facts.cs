using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <summary>Small conversions the plugins share: units, labels and what ties a guest to its node.</summary>
internal static class Facts
{
    private const double Gibibyte = 1024d * 1024 * 1024;

    public static double Gib(long bytes) => Math.Round(bytes / Gibibyte, 1);

    public static double Round(double value, int digits = 1) => Math.Round(value, digits);

    public static double? Round(double? value, int digits = 1) => value is { } v ? Math.Round(v, digits) : null;

    public static string Kind(GuestType type) => type == GuestType.Qemu ? "vm" : "ct";

    public static string Status(NodeStatus status) => status.ToString().ToLowerInvariant();

    public static GuestRef Ref(GuestState guest) => GuestRef.From(guest);

    public static string Label(GuestState guest) => GuestRef.From(guest).ToString();

    public static string Id(int vmId) => vmId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Passed-through PCI devices as <c>hostpci0=0000:01:00</c> or <c>hostpci0=mapping:rtx-3090</c>.</summary>
    public static List<string> Gpus(GuestConfig config) =>
        [.. config.HostPci.Select(d => $"{d.Key}={(d.Mapping is { } m ? "mapping:" + m : string.Join(';', d.HostIds))}")];

    /// <summary>Config entries that keep a guest on its node: raw PCI and USB passthrough, serial/parallel ports, bind mounts, device nodes.</summary>
    public static List<string> LocalDevices(GuestConfig config)
    {
        var result = new List<string>();
        foreach (var (key, value) in config.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var local = config.Kind == GuestType.Qemu
                ? Keyed(key, "hostpci") && !value.Contains("mapping=", StringComparison.Ordinal)
                    || Keyed(key, "usb") && value.StartsWith("host=", StringComparison.Ordinal) && !value.Contains("spice", StringComparison.Ordinal)
                    || Keyed(key, "serial") && value != "socket"
                    || Keyed(key, "parallel") || Keyed(key, "virtiofs") || key == "ivshmem"
                : Keyed(key, "mp") && value.StartsWith('/') && !value.Contains("shared=1", StringComparison.Ordinal)
                    || Keyed(key, "dev");
            if (local)
            {
                var comma = value.IndexOf(',', StringComparison.Ordinal);
                result.Add($"{key}={(comma > 0 ? value[..comma] : value)}");
            }
        }

        return result;
    }

    /// <summary>True for <c>prefixN</c> keys (<c>usb0</c>, <c>mp3</c>).</summary>
    private static bool Keyed(string key, string prefix) =>
        key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
}
