using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Scheduling;
using PveAgent.Core.State;

namespace PveAgent.Core.Simulation;

/// <summary>
/// The cluster of a <see cref="ClusterConfig"/> in the policy simulator: per-device memory, resident models per
/// service (loaded on demand, idle ones evicted least recently used first, and only when that makes room), work per
/// accelerator group. Starts cold: every
/// policy begins from the same empty memory.
/// </summary>
internal sealed class SimulatedCluster
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<(string Type, string? Model), IReadOnlyList<SimTarget>> _eligible = [];
    private readonly Dictionary<string, SimNode> _byName = new(StringComparer.OrdinalIgnoreCase);

    public SimulatedCluster(ClusterConfig config, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        Options = options;
        Nodes = [.. config.Nodes.Select((n, i) => BuildNode(n, i, options))];
        foreach (var node in Nodes)
        {
            _byName[node.Name] = node;
        }
    }

    public SimulationOptions Options { get; }

    public IReadOnlyList<SimNode> Nodes { get; }

    /// <summary>Completion latencies per service, as an executor would record them.</summary>
    public LatencyWindows Latencies { get; } = new();

    public SimNode? FindNode(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every place that could ever run the task: capability, a service that serves (or can pull) the model, enough device memory in all.</summary>
    public IReadOnlyList<SimTarget> Eligible(TaskRequest task)
    {
        var key = (task.Type.Name, task.Model);
        if (_eligible.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var profile = task.Model is null ? null : ModelCatalog.Find(task.Model);
        var modelKey = task.Model is null ? null : ModelKey.Normalize(task.Model);
        var list = new List<SimTarget>();
        foreach (var node in Nodes)
        {
            if (!node.Config.Capabilities.Any(c => task.Type.AcceptsCapability(c, profile?.ParametersBillions, Options.Routing.SmallModelMaxBillions)))
            {
                continue;
            }

            var served = false;
            if (task.Type.Execution != TaskExecution.Job)
            {
                foreach (var service in node.Services)
                {
                    var model = ModelFor(service, task, modelKey);
                    if (model is not null && Fits(service.Group, ModelCatalog.Find(model).ServingMemoryGb))
                    {
                        served = true;
                        list.Add(new SimTarget(node, service, service.Group, model));
                    }
                }
            }

            if (task.Type.Execution == TaskExecution.Job || (task.Type.Execution == TaskExecution.ServiceOrJob && !served))
            {
                var group = JobGroup(node, task);
                if (Fits(group, Math.Max(profile?.ServingMemoryGb ?? 0, task.Constraints.MinVramGb ?? 0)))
                {
                    list.Add(new SimTarget(node, null, group, task.Model));
                }
            }
        }

        _eligible[key] = list;
        return list;
    }

    /// <summary>The group a job runs on: preprocessing on the CPU, anything else on the first accelerator.</summary>
    public static SimGroup JobGroup(SimNode node, TaskRequest task) =>
        task.Constraints.AcceleratorKind is { } kind && node.GroupOf(kind) is { } wanted ? wanted
        : task.Type == TaskType.Preprocessing ? node.Cpu
        : node.Primary;

    /// <summary>Requests in flight on the group per request it serves at full speed.</summary>
    public static double NormalisedLoad(SimGroup group) => group.InFlight / group.Capacity;

    public static ResidentModel? FindResident(SimService service, string key)
    {
        foreach (var resident in service.Group.Residents)
        {
            if (resident.Service == service && resident.Key == key)
            {
                return resident;
            }
        }

        return null;
    }

    /// <summary>Devices for a model of <paramref name="needGb"/> on the group now, evicting idle models least recently used first when <paramref name="evict"/>; null (and nothing evicted) when busy models hold the memory.</summary>
    public static int[]? Place(SimGroup group, double needGb, bool evict, List<ResidentModel>? evicted = null)
    {
        if (evict && TryPlace(group, needGb) is null && !CouldPlaceEvictingIdle(group, needGb))
        {
            // Unloading idle models would not make room while busy ones hold the rest: keep them warm and wait.
            return null;
        }

        while (true)
        {
            var devices = TryPlace(group, needGb);
            if (devices is not null || !evict)
            {
                return devices;
            }

            ResidentModel? victim = null;
            foreach (var resident in group.Residents)
            {
                if (resident.InUse == 0 && resident.Loaded && (victim is null || resident.LastUsed < victim.LastUsed))
                {
                    victim = resident;
                }
            }

            if (victim is null)
            {
                return null;
            }

            Unload(group, victim);
            evicted?.Add(victim);
        }
    }

    /// <summary>Whether a model of <paramref name="needGb"/> could be placed now if every idle model were evicted.</summary>
    public static bool CouldPlaceEvictingIdle(SimGroup group, double needGb)
    {
        var free = (double[])group.FreeGb.Clone();
        foreach (var resident in group.Residents)
        {
            if (resident.InUse == 0 && resident.Loaded)
            {
                foreach (var d in resident.Devices)
                {
                    free[d] += resident.ShareGb;
                }
            }
        }

        return TryPlace(group, needGb, free) is not null;
    }

    /// <summary>Devices a model of <paramref name="needGb"/> spans when the group's devices are empty (at least 1).</summary>
    public static int DevicesOnEmpty(SimGroup group, double needGb) =>
        TryPlace(group, needGb, (double[])group.CapacityGb.Clone())?.Length ?? 1;

    public static void Unload(SimGroup group, ResidentModel resident)
    {
        group.Residents.Remove(resident);
        foreach (var d in resident.Devices)
        {
            group.FreeGb[d] += resident.ShareGb;
        }
    }

    /// <summary>What PveAgent's state layer would report now: device memory and utilisation, warm models, running and waiting requests.</summary>
    public ClusterSnapshot Snapshot(double now)
    {
        var nodes = new NodeState[Nodes.Count];
        var services = new List<ServiceState>();
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            var accelerators = new List<AcceleratorState>();
            foreach (var group in node.Groups)
            {
                if (group.Kind == AcceleratorKind.Cpu)
                {
                    continue;
                }

                var utilization = Math.Min(1, group.InFlight / group.Capacity) * 100;
                for (var d = 0; d < group.Devices; d++)
                {
                    accelerators.Add(new AcceleratorState
                    {
                        Kind = group.Kind,
                        Model = group.ModelName,
                        Index = accelerators.Count,
                        MemoryTotalMib = group.CapacityGb[d] * 1024,
                        // tt-smi reports no memory in use; the router then counts the services' loaded models.
                        MemoryUsedMib = group.Kind == AcceleratorKind.Tenstorrent ? null : (group.CapacityGb[d] - group.FreeGb[d]) * 1024,
                        UtilizationPercent = utilization,
                        HasTelemetry = true,
                    });
                }
            }

            var cpu = node.Cpu;
            nodes[i] = new NodeState
            {
                Name = node.Name,
                Status = NodeStatus.Online,
                Config = node.Config,
                // Proxmox's cpu figure is 0-1: saturated beyond the CPU's streams.
                Cpu = Math.Min(1, cpu.InFlight / cpu.Capacity),
                MaxCpu = 32,
                MaxMemory = (long)(node.RamGb * GiB),
                // Models in RAM are not added here: the router counts a CPU node's loaded models itself.
                Memory = (long)(node.RamGb * 0.1 * GiB),
                Accelerators = accelerators,
            };

            foreach (var service in node.Services)
            {
                var loaded = new List<LoadedModel>();
                foreach (var resident in service.Group.Residents)
                {
                    if (resident.Service == service)
                    {
                        loaded.Add(new LoadedModel { Name = resident.Name, VramBytes = (long)(resident.ShareGb * resident.Devices.Length * GiB) });
                    }
                }

                services.Add(new ServiceState
                {
                    Node = node.Name,
                    Config = service.Config,
                    Url = service.Url,
                    Reachable = true,
                    Loaded = loaded,
                    Available = service.Config.Models,
                    RequestsRunning = service.Running,
                    RequestsWaiting = service.Waiting,
                });
            }
        }

        return new ClusterSnapshot { TakenAt = Epoch.AddSeconds(now), Simulated = true, Nodes = nodes, Guests = [], Services = services };
    }

    /// <summary>The jobs running on each group, as PveAgent's scheduler would tell the router.</summary>
    public JobLoad JobLoad()
    {
        var jobs = new List<KeyValuePair<(string Node, AcceleratorKind Accelerator), double>>();
        foreach (var node in Nodes)
        {
            foreach (var group in node.Groups)
            {
                if (group.Jobs > 0)
                {
                    jobs.Add(new((node.Name, group.Kind), group.Jobs));
                }
            }
        }

        return jobs.Count == 0 ? Routing.JobLoad.Empty : new JobLoad(jobs);
    }

    /// <summary>The model a service would use for the task: the named one when it serves (or can pull) it, else its first model of the right kind.</summary>
    public static string? ModelFor(SimService service, TaskRequest task, string? modelKey)
    {
        if (task.Model is { } named)
        {
            var pullable = service.CanPull && ModelCatalog.Find(named).Kind is ModelKind.TextGeneration or ModelKind.Embedding;
            return service.ModelKeys.Contains(modelKey!) || pullable ? named : null;
        }

        return task.Type.ModelKind is { } kind ? service.Config.Models.FirstOrDefault(m => ModelCatalog.Find(m).Kind == kind) : null;
    }

    private static bool Fits(SimGroup group, double needGb)
    {
        if (needGb <= 0)
        {
            return true;
        }

        var largest = group.CapacityGb.Max();
        return largest > 0 && Math.Ceiling(needGb / largest) <= group.Devices && needGb <= group.CapacityGb.Sum() + 1e-9;
    }

    private static int[]? TryPlace(SimGroup group, double needGb, double[]? free = null)
    {
        free ??= group.FreeGb;
        Span<int> slots = stackalloc int[group.Devices];
        Span<bool> eligible = stackalloc bool[group.Devices];
        slots.Fill(int.MaxValue / 2);
        eligible.Fill(true);
        return VramPlacer.Place(free, slots, group.CapacityGb, eligible, needGb, 1);
    }

    private static SimNode BuildNode(NodeConfig config, int order, SimulationOptions options)
    {
        var groups = new List<(AcceleratorKind Kind, AcceleratorProfile Profile, string Model, double[] Gb)>();
        foreach (var kind in config.Accelerators.Select(a => a.Kind).Where(k => k != AcceleratorKind.Cpu).Distinct())
        {
            var members = config.Accelerators.Where(a => a.Kind == kind).ToList();
            var profile = AcceleratorProfiles.Find(kind, members[0].Model);
            var gb = members.SelectMany(a => Enumerable.Repeat(a.VramGb ?? profile.MemoryGb, Math.Max(1, a.Count))).ToArray();
            groups.Add((kind, profile, members[0].Model, gb));
        }

        var acceleratorIdle = groups.Sum(g => g.Profile.IdleWatts * g.Gb.Length);
        var acceleratorMax = groups.Sum(g => g.Profile.MaxWatts * g.Gb.Length);
        var idle = config.Power?.IdleWatts ?? (40 + acceleratorIdle);
        var max = config.Power?.MaxWatts ?? (idle + 100 + acceleratorMax - acceleratorIdle);
        var acceleratorRange = groups.Sum(g => (g.Profile.MaxWatts - g.Profile.IdleWatts) * g.Gb.Length);
        var cpuRange = Math.Max(groups.Count == 0 ? max - idle : 30, max - idle - acceleratorRange);

        var node = new SimNode { Config = config, Order = order, Groups = [], IdleWatts = idle, MaxWatts = max, RamGb = options.NodeRamGb };
        var built = groups.Select(g => new SimGroup
        {
            Node = node,
            Kind = g.Kind,
            Profile = g.Profile,
            ModelName = g.Model,
            CapacityGb = g.Gb,
            FreeGb = (double[])g.Gb.Clone(),
            Capacity = Math.Max(1, g.Profile.ConcurrentStreams) * g.Gb.Length,
            MarginalWattsPerDevice = g.Profile.MaxWatts - g.Profile.IdleWatts,
            CountsForUtilization = true,
        }).ToList();
        built.Add(new SimGroup
        {
            Node = node,
            Kind = AcceleratorKind.Cpu,
            Profile = AcceleratorProfiles.Cpu,
            ModelName = "cpu",
            CapacityGb = [options.NodeRamGb * 0.9],
            FreeGb = [options.NodeRamGb * 0.9],
            Capacity = Math.Max(1, AcceleratorProfiles.Cpu.ConcurrentStreams),
            MarginalWattsPerDevice = cpuRange,
            CountsForUtilization = groups.Count == 0,
        });
        node.Groups = [.. built];

        foreach (var service in config.Services)
        {
            node.Services.Add(new SimService
            {
                Node = node,
                Config = service,
                Group = node.Primary,
                ModelKeys = [.. service.Models.Select(ModelKey.Normalize)],
                CanPull = service.Kind == ServiceKind.Ollama,
                Url = service.Url ?? new Uri($"http://{config.Host}:{service.Port}"),
            });
        }

        return node;
    }
}
