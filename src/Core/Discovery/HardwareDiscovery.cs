using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Discovery;

/// <summary>
/// <c>pve-agent discover</c>: reads every online node's PCI devices and accelerator telemetry, and compares what is
/// there with what cluster.yaml says — new GPUs, missing ones, wrong counts, nodes the file does not know.
/// </summary>
public sealed class HardwareDiscovery(ClusterConfig config, IProxmoxApi proxmox, ITelemetryTransport telemetry)
{
    private static readonly Dictionary<string, (string Model, double VramGb)> TenstorrentBoards = new(StringComparer.OrdinalIgnoreCase)
    {
        ["n150"] = ("wormhole-n150", 12),
        ["n300"] = ("wormhole-n300", 24),
        ["p100a"] = ("blackhole-p100a", 28),
        ["p150a"] = ("blackhole-p150a", 32),
        ["p150b"] = ("blackhole-p150b", 32),
        ["p150c"] = ("blackhole-p150c", 32),
    };

    /// <summary>Discovers every node Proxmox knows, in registry order then the rest.</summary>
    public async Task<IReadOnlyList<DiscoveredNode>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var status = await proxmox.GetClusterStatusAsync(cancellationToken).ConfigureAwait(false);
        var members = status.Where(e => e.Type == "node").ToList();
        var names = config.Nodes.Select(n => n.Name)
            .Concat(members.Select(m => m.Name).Where(n => config.FindNode(n) is null))
            .ToList();

        var results = await Task.WhenAll(names.Select(name =>
        {
            var member = members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            return DiscoverNodeAsync(name, member, cancellationToken);
        })).ConfigureAwait(false);
        return results;
    }

    private async Task<DiscoveredNode> DiscoverNodeAsync(string name, ClusterStatusEntry? member, CancellationToken cancellationToken)
    {
        var registry = config.FindNode(name);
        var configured = registry?.Accelerators ?? [];
        if (member is null || member.Online == false)
        {
            return new DiscoveredNode
            {
                Name = name,
                Address = member?.Ip,
                InRegistry = registry is not null,
                Found = [],
                Configured = configured,
                Differences = [],
                Error = member is null ? "not a member of the Proxmox cluster" : "offline (wake it first: pve-agent run \"wake " + name + "\")",
            };
        }

        IReadOnlyList<PciDevice> pci;
        try
        {
            pci = await proxmox.GetPciDevicesAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (PveApiException ex)
        {
            return new DiscoveredNode
            {
                Name = name,
                Address = member.Ip,
                InRegistry = registry is not null,
                Found = [],
                Configured = configured,
                Differences = [],
                Error = ex.Kind == PveErrorKind.Permission ? "no permission to read hardware/pci (the token needs Sys.Audit on /)" : ex.Message,
            };
        }

        var devices = pci.Select(PciAcceleratorClassifier.Classify).Where(c => c is not null).Select(c => c!.Value).ToList();
        NodeTelemetryResult? reading = null;
        // A node cluster.yaml does not describe has no telemetry settings yet: PCI ids alone must do.
        var probeNode = registry ?? new NodeConfig { Name = name, Host = member.Ip ?? name, Telemetry = new TelemetryConfig { Source = TelemetrySource.None } };
        if (devices.Count > 0)
        {
            // Telemetry names the exact board (n150 vs n300) and memory size, which PCI ids do not.
            var kinds = devices.Select(d => d.Kind).Distinct().Select(k => new AcceleratorConfig { Kind = k, Model = k.ToString() }).ToList();
            reading = await telemetry.ReadAsync(probeNode with { Accelerators = kinds }, cancellationToken).ConfigureAwait(false);
        }

        var found = Describe(devices, reading, configured);
        return new DiscoveredNode
        {
            Name = name,
            Address = member.Ip,
            InRegistry = registry is not null,
            Found = found,
            Configured = configured,
            Differences = registry is null ? [$"not in cluster.yaml{(found.Count > 0 ? $" (has {string.Join(", ", found.Select(Label))})" : "")}"] : Compare(configured, found),
        };
    }

    private static List<AcceleratorConfig> Describe(List<(AcceleratorKind Kind, string Model)> devices, NodeTelemetryResult? reading, IReadOnlyList<AcceleratorConfig> configured)
    {
        var result = new List<AcceleratorConfig>();
        foreach (var group in devices.GroupBy(d => (d.Kind, d.Model)))
        {
            var (kind, model) = group.Key;
            double? vram = null;
            if (kind == AcceleratorKind.Nvidia && reading?.Gpus.FirstOrDefault(g => g.Name is { } n && PciAcceleratorClassifier.CleanNvidiaName(n) == model) is { MemoryTotalMib: { } mib })
            {
                vram = Math.Round(mib / 1024);
            }
            else if (kind == AcceleratorKind.Tenstorrent && reading?.Tenstorrent?.Boards is [{ BoardType: { } board }, ..]
                && TenstorrentBoards.TryGetValue(board.Split(' ')[0], out var known))
            {
                model = known.Model;
                vram = known.VramGb;
            }

            var candidate = new AcceleratorConfig { Kind = kind, Model = model, Count = group.Count(), VramGb = vram ?? ProfileMemory(kind, model) };
            // Keep the name the person wrote when it means the same device.
            var same = configured.FirstOrDefault(c => SameDevice(c, candidate));
            result.Add(same is null ? candidate : candidate with { Model = same.Model, VramGb = candidate.VramGb ?? same.VramGb });
        }

        return result;
    }

    private static double? ProfileMemory(AcceleratorKind kind, string model) =>
        AcceleratorProfiles.Find(kind, model) is { IsEstimate: false, MemoryGb: > 0 } profile ? profile.MemoryGb : null;

    private static List<string> Compare(IReadOnlyList<AcceleratorConfig> configured, IReadOnlyList<AcceleratorConfig> found)
    {
        var differences = new List<string>();
        foreach (var item in found)
        {
            var match = configured.FirstOrDefault(c => SameDevice(c, item));
            if (match is null)
            {
                differences.Add($"new: {Label(item)} (found, not in cluster.yaml)");
            }
            else if (match.Count != item.Count)
            {
                differences.Add($"count: cluster.yaml says {Label(match)}, found {item.Count}");
            }
            else if (match.VramGb is { } said && item.VramGb is { } seen && Math.Abs(said - seen) >= 1)
            {
                differences.Add($"memory: cluster.yaml says {match.Model} has {said.ToString(CultureInfo.InvariantCulture)} GB, found {seen.ToString(CultureInfo.InvariantCulture)} GB");
            }
        }

        foreach (var item in configured.Where(c => c.Kind != AcceleratorKind.Cpu && !found.Any(f => SameDevice(c, f))))
        {
            differences.Add($"missing: {Label(item)} (in cluster.yaml, not found on the PCI bus)");
        }

        return differences;
    }

    private static bool SameDevice(AcceleratorConfig a, AcceleratorConfig b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        var pa = AcceleratorProfiles.Find(a.Kind, a.Model);
        var pb = AcceleratorProfiles.Find(b.Kind, b.Model);
        if (!pa.IsEstimate && !pb.IsEstimate)
        {
            return pa.Name == pb.Name;
        }

        return string.Equals(Simplify(a.Model), Simplify(b.Model), StringComparison.OrdinalIgnoreCase)
            || (a.Kind == AcceleratorKind.Tenstorrent && (Simplify(a.Model).StartsWith(Simplify(b.Model), StringComparison.OrdinalIgnoreCase) || Simplify(b.Model).StartsWith(Simplify(a.Model), StringComparison.OrdinalIgnoreCase)));
    }

    private static string Simplify(string model) => new([.. model.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Label(AcceleratorConfig a) =>
        $"{a.Count}× {a.Model}{(a.VramGb is { } gb ? $" ({gb.ToString(CultureInfo.InvariantCulture)} GB)" : "")}";
}
