using System.Collections.Frozen;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Core.Routing;

/// <summary>
/// What the router precomputes from one <see cref="ClusterSnapshot"/> (capability bits and an index from capability to
/// nodes, accelerator groups with free memory and capacity, each service's model keys, warm models and load): build it
/// once per snapshot and reuse it for every decision on that snapshot.
/// </summary>
public sealed class RoutingIndex
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private const double CpuMarginalWatts = 65;

    private readonly FrozenDictionary<string, int> _capabilityBits;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _nodesByCapability;

    private RoutingIndex(ClusterSnapshot snapshot, LatencyTable latencies, JobLoad jobs, IndexedNode[] nodes, FrozenDictionary<string, int> capabilityBits)
    {
        Snapshot = snapshot;
        Latencies = latencies;
        Jobs = jobs;
        Nodes = nodes;
        _capabilityBits = capabilityBits;
        _nodesByCapability = capabilityBits.Keys
            .ToFrozenDictionary(
                c => c,
                c => (IReadOnlyList<string>)[.. nodes.Where(n => n.Capabilities.Contains(c, StringComparer.OrdinalIgnoreCase)).Select(n => n.Name)],
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The snapshot the index was built from.</summary>
    public ClusterSnapshot Snapshot { get; }

    /// <summary>The latency measurements the index was built with.</summary>
    public LatencyTable Latencies { get; }

    /// <summary>PveAgent's own jobs the index was built with.</summary>
    public JobLoad Jobs { get; }

    /// <summary>Nodes in the index.</summary>
    public int NodeCount => Nodes.Length;

    internal IndexedNode[] Nodes { get; }

    /// <summary>True when the cluster declares at most 64 distinct capabilities, so capability checks are one bit test.</summary>
    internal bool UsesBits => _capabilityBits.Count <= 64;

    /// <summary>Builds the index of <paramref name="snapshot"/>, with the measured latencies of each model on each service and PveAgent's running jobs when given.</summary>
    public static RoutingIndex Build(ClusterSnapshot snapshot, LatencyTable? latencies = null, JobLoad? jobs = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        latencies ??= LatencyTable.Empty;
        jobs ??= JobLoad.Empty;

        var bits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in snapshot.Nodes)
        {
            foreach (var capability in node.Config?.Capabilities ?? [])
            {
                bits.TryAdd(capability, bits.Count);
            }
        }

        var guests = new Dictionary<int, GuestState>();
        foreach (var guest in snapshot.Guests)
        {
            guests.TryAdd(guest.VmId, guest);
        }

        var servicesByNode = new Dictionary<string, List<ServiceState>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in snapshot.Services)
        {
            if (!servicesByNode.TryGetValue(service.Node, out var list))
            {
                servicesByNode[service.Node] = list = [];
            }

            list.Add(service);
        }

        var nodes = new IndexedNode[snapshot.Nodes.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var state = snapshot.Nodes[i];
            nodes[i] = BuildNode(state, i, bits, servicesByNode.GetValueOrDefault(state.Name) ?? [], guests, latencies, jobs);
        }

        return new RoutingIndex(snapshot, latencies, jobs, nodes, bits.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Names of the nodes that declare <paramref name="capability"/>, in snapshot order.</summary>
    public IReadOnlyList<string> NodesWith(string capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return _nodesByCapability.GetValueOrDefault(capability) ?? [];
    }

    /// <summary>The bit of <paramref name="capability"/>, or -1 when no node declares it.</summary>
    internal int BitOf(string capability) => _capabilityBits.TryGetValue(capability, out var bit) ? bit : -1;

    private static IndexedNode BuildNode(
        NodeState state, int order, Dictionary<string, int> bits, List<ServiceState> services,
        Dictionary<int, GuestState> guests, LatencyTable latencies, JobLoad jobs)
    {
        var config = state.Config;
        var capabilities = config?.Capabilities ?? [];
        ulong mask = 0;
        foreach (var capability in capabilities)
        {
            var bit = bits[capability];
            if (bit < 64)
            {
                mask |= 1UL << bit;
            }
        }

        var awake = state.Status == NodeStatus.Online;
        var loadedGbOnNode = 0.0;
        if (awake)
        {
            foreach (var service in services)
            {
                foreach (var model in service.Loaded)
                {
                    loadedGbOnNode += LoadedGb(model);
                }
            }
        }

        var groups = BuildGroups(state, awake, loadedGbOnNode);
        var primary = groups[0];
        var indexed = new IndexedService[services.Count];
        for (var i = 0; i < services.Count; i++)
        {
            indexed[i] = BuildService(services[i], primary, awake, guests, latencies);
            if (awake)
            {
                primary.InFlight += indexed[i].Running + indexed[i].Waiting;
            }
        }

        if (awake)
        {
            foreach (var group in groups)
            {
                group.Jobs = jobs.On(state.Name, group.Kind);
                group.InFlight += group.Jobs;
            }
        }

        var idleLoaded = indexed.Where(s => s.IsIdle).SelectMany(s => s.Loaded).OrderByDescending(l => l.Gb).ToArray();
        var busyLoaded = indexed.Where(s => !s.IsIdle).SelectMany(s => s.Loaded).OrderByDescending(l => l.Gb).ToArray();
        var power = config?.Power;
        var idleWatts = power?.IdleWatts ?? (40 + groups.Sum(g => g.Kind == AcceleratorKind.Cpu ? 0 : g.Profile.IdleWatts * g.Devices));
        return new IndexedNode
        {
            State = state,
            Name = state.Name,
            Order = order,
            CapabilityBits = mask,
            Capabilities = capabilities,
            Groups = groups,
            Services = indexed,
            BootSeconds = config?.WakeOnLan?.BootSeconds ?? 90,
            IdleWatts = idleWatts,
            IdleLoaded = idleLoaded,
            IdleLoadedGb = idleLoaded.Sum(l => l.Gb),
            BusyLoaded = busyLoaded,
            BusyLoadedGb = busyLoaded.Sum(l => l.Gb),
        };
    }

    private static AcceleratorGroup[] BuildGroups(NodeState state, bool awake, double loadedGbOnNode)
    {
        var devices = state.Accelerators.Count > 0 ? state.Accelerators : FromConfig(state.Config);
        var groups = new List<AcceleratorGroup>();
        var acceleratorRange = 0.0;
        foreach (var kind in devices.Select(d => d.Kind).Where(k => k != AcceleratorKind.Cpu).Distinct())
        {
            var members = devices.Where(d => d.Kind == kind).ToList();
            var profile = AcceleratorProfiles.Find(kind, members[0].Model);
            var configuredGb = state.Config?.Accelerators.FirstOrDefault(a => a.Kind == kind)?.VramGb;
            var totals = members.Select(d => d.MemoryTotalMib is { } mib ? mib / 1024 : configuredGb ?? profile.MemoryGb).ToArray();
            var free = new double[members.Count];
            // Memory the first group's loaded models are assumed to hold when telemetry does not say (Tenstorrent, no telemetry).
            var unaccounted = groups.Count == 0 ? loadedGbOnNode : 0;
            for (var i = 0; i < members.Count; i++)
            {
                if (!awake)
                {
                    free[i] = totals[i];
                }
                else if (members[i].MemoryFreeMib is { } freeMib)
                {
                    free[i] = freeMib / 1024;
                }
                else
                {
                    var held = Math.Min(unaccounted, totals[i]);
                    unaccounted -= held;
                    free[i] = totals[i] - held;
                }
            }

            Array.Sort(free, static (a, b) => b.CompareTo(a));
            var utilizations = members.Where(m => m.UtilizationPercent is not null).Select(m => m.UtilizationPercent!.Value / 100).ToList();
            var marginal = Math.Max(0, profile.MaxWatts - profile.IdleWatts);
            acceleratorRange += marginal * members.Count;
            groups.Add(new AcceleratorGroup
            {
                Kind = kind,
                Profile = profile,
                ModelName = members[0].Model,
                Devices = members.Count,
                FreeGbDescending = free,
                DeviceGb = totals.Max(),
                TotalGb = totals.Sum(),
                MemoryKnown = true,
                Capacity = Math.Max(1, profile.ConcurrentStreams) * members.Count,
                MarginalWattsPerDevice = marginal,
                Utilization = awake && utilizations.Count > 0 ? utilizations.Average() : null,
            });
        }

        var ramGb = state.MaxMemory / GiB;
        var ramKnown = state.MaxMemory > 0;
        var power = state.Config?.Power;
        var cpuMarginal = power is null ? CpuMarginalWatts
            : Math.Max(power.MaxWatts - power.IdleWatts - acceleratorRange, groups.Count == 0 ? 0 : CpuMarginalWatts);
        groups.Add(new AcceleratorGroup
        {
            Kind = AcceleratorKind.Cpu,
            Profile = AcceleratorProfiles.Cpu,
            ModelName = "cpu",
            Devices = 1,
            FreeGbDescending = [ramKnown ? (awake ? Math.Max(0, state.FreeMemory / GiB - (groups.Count == 0 ? loadedGbOnNode : 0)) : ramGb) : 0],
            DeviceGb = ramGb,
            TotalGb = ramGb,
            MemoryKnown = ramKnown,
            Capacity = Math.Max(1, AcceleratorProfiles.Cpu.ConcurrentStreams),
            MarginalWattsPerDevice = cpuMarginal,
            Utilization = awake && state.MaxCpu > 0 ? state.Cpu : null,
        });
        return [.. groups];
    }

    private static List<AcceleratorState> FromConfig(NodeConfig? config)
    {
        var list = new List<AcceleratorState>();
        foreach (var accelerator in config?.Accelerators ?? [])
        {
            for (var i = 0; i < Math.Max(1, accelerator.Count); i++)
            {
                list.Add(new AcceleratorState
                {
                    Kind = accelerator.Kind,
                    Model = accelerator.Model,
                    Index = list.Count,
                    MemoryTotalMib = accelerator.VramGb * 1024,
                });
            }
        }

        return list;
    }

    private static IndexedService BuildService(
        ServiceState state, AcceleratorGroup group, bool awake, Dictionary<int, GuestState> guests, LatencyTable latencies)
    {
        var servable = new HashSet<string>(StringComparer.Ordinal);
        var defaults = new IndexedService.DefaultModel?[Enum.GetValues<ModelKind>().Length];
        var loaded = new List<IndexedService.LoadedEntry>();
        if (awake && state.Reachable)
        {
            foreach (var model in state.Loaded)
            {
                var key = ModelKey.Normalize(model.Name);
                servable.Add(key);
                loaded.Add(new IndexedService.LoadedEntry(key, model.Name, LoadedGb(model), state.Name));
                AddDefault(defaults, model.Name, key);
            }
        }

        foreach (var name in state.Config.Models.Concat(state.Available))
        {
            var key = ModelKey.Normalize(name);
            if (servable.Add(key))
            {
                AddDefault(defaults, name, key);
            }
        }

        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in state.Config.Models)
        {
            configured.Add(ModelKey.Normalize(name));
        }

        loaded.Sort(static (a, b) => b.Gb.CompareTo(a.Gb));
        GuestState? stopped = null;
        if (awake && !state.Reachable && state.Config.Guest is { } vmId && guests.TryGetValue(vmId, out var guest) && !guest.IsRunning)
        {
            stopped = guest;
        }

        return new IndexedService
        {
            State = state,
            Name = state.Name,
            Group = group,
            Servable = servable,
            Configured = configured,
            CanPull = state.Kind == ServiceKind.Ollama,
            Loaded = [.. loaded],
            LoadedGb = loaded.Sum(l => l.Gb),
            DefaultByKind = defaults,
            Running = awake ? Math.Max(0, state.RequestsRunning ?? 0) : 0,
            Waiting = awake ? Math.Max(0, state.RequestsWaiting ?? 0) : 0,
            Reachable = awake && state.Reachable,
            StoppedGuest = stopped,
            Latencies = latencies.ForService(state.Node, state.Name),
        };
    }

    private static void AddDefault(IndexedService.DefaultModel?[] defaults, string name, string key)
    {
        var profile = ModelCatalog.Find(name);
        var slot = (int)profile.Kind;
        defaults[slot] ??= new IndexedService.DefaultModel(name, key, profile);
    }

    private static double LoadedGb(LoadedModel model) =>
        model.VramBytes is > 0 ? model.VramBytes.Value / GiB
        : model.SizeBytes is > 0 ? model.SizeBytes.Value / GiB
        : ModelCatalog.Find(model.Name).ServingMemoryGb;
}
