using System.Diagnostics;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.State;

/// <summary>
/// Builds a <see cref="ClusterSnapshot"/>: one <c>/cluster/resources</c> call for nodes and guests, then, in parallel,
/// accelerator telemetry of every online node and a probe of every service on an online node. Missing telemetry is
/// not an error: the registry's description of the node stands in, marked as such.
/// </summary>
public sealed class ClusterSnapshotBuilder(
    ClusterConfig config,
    IProxmoxApi proxmox,
    ITelemetryTransport telemetry,
    InferenceServiceProbe probe,
    TimeProvider clock,
    bool simulated = false) : IClusterSnapshotSource
{
    private readonly ClusterConfig _config = config ?? throw new ArgumentNullException(nameof(config));
    private readonly IProxmoxApi _proxmox = proxmox ?? throw new ArgumentNullException(nameof(proxmox));
    private readonly ITelemetryTransport _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
    private readonly InferenceServiceProbe _probe = probe ?? throw new ArgumentNullException(nameof(probe));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>How long the last <see cref="ReadAsync"/> took, split by phase (for <c>status --verbose</c> and the benchmarks).</summary>
    public SnapshotTimings? LastTimings { get; private set; }

    /// <inheritdoc />
    public async Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var resources = await _proxmox.GetClusterResourcesAsync(null, cancellationToken).ConfigureAwait(false);
        var afterResources = Stopwatch.GetTimestamp();

        var nodeStatus = resources
            .Where(r => r.Type == "node" && r.Node is not null)
            .GroupBy(r => r.Node!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        bool IsOnline(NodeConfig n) => nodeStatus.TryGetValue(n.Name, out var r) && r.Status == "online";

        var telemetryTasks = _config.Nodes
            .Where(n => IsOnline(n) && n.Accelerators.Any(a => a.Kind is AcceleratorKind.Nvidia or AcceleratorKind.Tenstorrent))
            .ToDictionary(n => n.Name, n => _telemetry.ReadAsync(n, cancellationToken), StringComparer.OrdinalIgnoreCase);
        var probeTasks = _config.Nodes
            .Where(IsOnline)
            .SelectMany(n => n.Services.Select(s => (Node: n, Service: s, Task: _probe.ProbeAsync(n, s, cancellationToken))))
            .ToList();
        await Task.WhenAll([.. telemetryTasks.Values, .. probeTasks.Select(p => p.Task)]).ConfigureAwait(false);
        var finished = Stopwatch.GetTimestamp();
        LastTimings = new SnapshotTimings(Stopwatch.GetElapsedTime(started, afterResources), Stopwatch.GetElapsedTime(afterResources, finished), ProxmoxRequests: 1);

        var readings = new Dictionary<string, NodeTelemetryResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, task) in telemetryTasks)
        {
            readings[name] = await task.ConfigureAwait(false);
        }

        var probed = new Dictionary<(string Node, string Service), ServiceProbeResult>();
        foreach (var (node, service, task) in probeTasks)
        {
            probed[(node.Name, service.Name)] = await task.ConfigureAwait(false);
        }

        var nodes = new List<NodeState>(_config.Nodes.Count + 2);
        foreach (var node in _config.Nodes)
        {
            nodeStatus.TryGetValue(node.Name, out var resource);
            nodes.Add(BuildNode(node.Name, node, resource, readings.GetValueOrDefault(node.Name)));
        }

        foreach (var (name, resource) in nodeStatus)
        {
            if (_config.FindNode(name) is null)
            {
                nodes.Add(BuildNode(name, null, resource, null));
            }
        }

        var services = new List<ServiceState>();
        foreach (var node in _config.Nodes)
        {
            foreach (var service in node.Services)
            {
                services.Add(probed.TryGetValue((node.Name, service.Name), out var result)
                    ? FromProbe(node, service, result)
                    : new ServiceState
                    {
                        Node = node.Name,
                        Config = service,
                        Url = InferenceServiceProbe.ResolveUrl(node, service),
                        Reachable = false,
                        Available = service.Models,
                        Error = $"node {node.Name} is not online",
                    });
            }
        }

        return new ClusterSnapshot
        {
            TakenAt = _clock.GetUtcNow(),
            Simulated = simulated,
            Nodes = nodes,
            Guests = [.. resources.Where(r => r.VmId is not null && r.GuestType is not null).Select(ToGuest).OrderBy(g => g.VmId)],
            Services = services,
        };
    }

    private static GuestState ToGuest(ClusterResource r) => new()
    {
        VmId = r.VmId!.Value,
        Name = r.Name ?? "",
        Type = r.GuestType!.Value,
        Node = r.Node ?? "",
        Status = r.Status ?? "unknown",
        Tags = r.TagList,
        Template = r.Template == true,
        Lock = string.IsNullOrEmpty(r.Lock) ? null : r.Lock,
        Cpu = r.Cpu ?? 0,
        MaxCpu = (int)(r.MaxCpu ?? 0),
        Memory = r.Memory ?? 0,
        MaxMemory = r.MaxMemory ?? 0,
        HaState = r.HaState,
        Pool = r.Pool,
    };

    private static NodeState BuildNode(string name, NodeConfig? config, ClusterResource? resource, NodeTelemetryResult? reading)
    {
        var status = resource?.Status switch
        {
            "online" => NodeStatus.Online,
            "offline" or null when config?.WakeOnLan is not null => NodeStatus.Asleep,
            "offline" => NodeStatus.Offline,
            _ => NodeStatus.Unknown,
        };

        var (accelerators, error) = Accelerators(config, reading);
        return new NodeState
        {
            Name = name,
            Status = status,
            Cpu = resource?.Cpu ?? 0,
            MaxCpu = (int)(resource?.MaxCpu ?? 0),
            Memory = resource?.Memory ?? 0,
            MaxMemory = resource?.MaxMemory ?? 0,
            UptimeSeconds = resource?.Uptime ?? 0,
            Accelerators = accelerators,
            Config = config,
            TelemetryError = error,
        };
    }

    private static (IReadOnlyList<AcceleratorState> Accelerators, string? Error) Accelerators(NodeConfig? config, NodeTelemetryResult? reading)
    {
        if (config is null)
        {
            return ([], null);
        }

        var result = new List<AcceleratorState>();
        foreach (var group in config.Accelerators)
        {
            var measured = group.Kind switch
            {
                AcceleratorKind.Nvidia when reading is { Gpus.Count: > 0 } => reading.Gpus.Select(FromGpu).ToList(),
                AcceleratorKind.Tenstorrent when reading?.Tenstorrent is { Boards.Count: > 0 } tt => FromTenstorrent(tt, group),
                _ => [],
            };

            result.AddRange(measured.Count > 0 ? measured : Configured(group, result.Count(a => a.Kind == group.Kind)));
        }

        return (result, reading is { Succeeded: false } ? reading.Error : null);
    }

    private static AcceleratorState FromGpu(GpuReading gpu, int position) => new()
    {
        Kind = AcceleratorKind.Nvidia,
        Model = gpu.Name ?? "NVIDIA GPU",
        Index = gpu.Index ?? position,
        Id = gpu.Uuid,
        MemoryTotalMib = gpu.MemoryTotalMib,
        MemoryUsedMib = gpu.MemoryUsedMib,
        UtilizationPercent = gpu.UtilizationPercent,
        TemperatureC = gpu.TemperatureC,
        PowerWatts = gpu.PowerDrawWatts,
        Processes = gpu.Processes?.Count,
        HasTelemetry = true,
    };

    private static List<AcceleratorState> FromTenstorrent(TenstorrentSnapshot snapshot, AcceleratorConfig group) =>
        [.. snapshot.Boards.Select((board, i) => new AcceleratorState
        {
            Kind = AcceleratorKind.Tenstorrent,
            // tt-smi names the board type (n150); the registry's name (wormhole-n150) is what people wrote.
            Model = group.Model,
            Index = i,
            Id = board.BoardId,
            MemoryTotalMib = group.VramGb * 1024,
            TemperatureC = board.MaxTemperatureC,
            PowerWatts = board.PowerW,
            Processes = board.ProcessCount,
            HasTelemetry = true,
        })];

    private static IEnumerable<AcceleratorState> Configured(AcceleratorConfig group, int firstIndex) =>
        Enumerable.Range(0, group.Count).Select(i => new AcceleratorState
        {
            Kind = group.Kind,
            Model = group.Model,
            Index = firstIndex + i,
            MemoryTotalMib = group.VramGb * 1024,
            HasTelemetry = false,
        });

    private static ServiceState FromProbe(NodeConfig node, ServiceConfig service, ServiceProbeResult probe) => new()
    {
        Node = node.Name,
        Config = service,
        Url = probe.Url,
        Reachable = probe.Reachable,
        Loaded = [.. probe.Loaded.Select(m => new LoadedModel { Name = m.Name, SizeBytes = m.SizeBytes, VramBytes = m.VramBytes, ExpiresAt = m.ExpiresAt })],
        Available = probe.Available.Count > 0 ? probe.Available : service.Models,
        RequestsRunning = probe.RequestsRunning,
        RequestsWaiting = probe.RequestsWaiting,
        KvCacheUsage = probe.KvCacheUsage,
        Version = probe.Version,
        Error = probe.Error,
    };
}
