using System.Collections.Concurrent;
using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Core.Routing;

/// <summary>
/// Decides where a task runs: capability filter → hard constraints → score → ranked candidates (the fallback chain).
/// A pure function of (task, snapshot, options): no I/O, no clock, deterministic; safe to share between threads.
/// </summary>
/// <remarks>
/// Scores are points, higher is better, and each is the sum of named <see cref="ScorePart"/>s (see
/// <see cref="RoutingOptions"/> for the weights). Candidates are ordered by tier (awake before asleep when
/// <see cref="RoutingOptions.WakeOnlyWhenNeeded"/>), then score, then node name, then service name (ordinal).
/// </remarks>
public sealed class Router
{
    private const int ModelCacheLimit = 4096;

    // Memoises ModelCatalog lookups (a scan and a regex) per model name; a pure function's cache, bounded.
    private readonly ConcurrentDictionary<string, ResolvedModel> _models = new(StringComparer.Ordinal);
    private volatile CachedIndex? _lastIndex;

    /// <summary>Routes <paramref name="task"/> on <paramref name="snapshot"/>; the index of the last snapshot seen is reused.</summary>
    public RouteDecision Route(TaskRequest task, ClusterSnapshot snapshot, RoutingOptions options) =>
        Route(task, snapshot, options, null);

    /// <summary>Routes <paramref name="task"/> on <paramref name="snapshot"/> with the measured latencies of each model on each service.</summary>
    public RouteDecision Route(TaskRequest task, ClusterSnapshot snapshot, RoutingOptions options, LatencyTable? latencies) =>
        Route(task, snapshot, options, latencies, null);

    /// <summary>Routes <paramref name="task"/> on <paramref name="snapshot"/> with the measured latencies of each model on each service and the jobs PveAgent runs.</summary>
    public RouteDecision Route(TaskRequest task, ClusterSnapshot snapshot, RoutingOptions options, LatencyTable? latencies, JobLoad? jobs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var cached = _lastIndex;
        if (cached is null || !ReferenceEquals(cached.Snapshot, snapshot) || !ReferenceEquals(cached.Latencies, latencies) || !ReferenceEquals(cached.Jobs, jobs))
        {
            cached = new CachedIndex(snapshot, latencies, jobs, RoutingIndex.Build(snapshot, latencies, jobs));
            _lastIndex = cached;
        }

        return Route(task, cached.Index, options);
    }

    /// <summary>Routes <paramref name="task"/> on a prebuilt index (the fast path for many decisions on one snapshot).</summary>
    public RouteDecision Route(TaskRequest task, RoutingIndex index, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();

        var requested = task.Model is { Length: > 0 } name ? Resolve(name) : null;
        var context = new Context(task, index, options, requested);
        foreach (var node in index.Nodes)
        {
            EvaluateNode(ref context, node);
        }

        var candidates = new RouteCandidate[context.TopCount];
        for (var i = 0; i < context.TopCount; i++)
        {
            candidates[i] = Materialize(context.Top[i], task, options);
        }

        return new RouteDecision
        {
            Task = task,
            Candidates = candidates,
            OmittedCandidates = context.Feasible - context.TopCount,
            Rejected = context.Rejected,
        };
    }

    private ResolvedModel Resolve(string name)
    {
        if (_models.TryGetValue(name, out var resolved))
        {
            return resolved;
        }

        if (_models.Count >= ModelCacheLimit)
        {
            _models.Clear();
        }

        resolved = new ResolvedModel(name, ModelKey.Normalize(name), ModelCatalog.Find(name));
        _models[name] = resolved;
        return resolved;
    }

    private static void EvaluateNode(ref Context context, IndexedNode node)
    {
        var task = context.Task;
        var constraints = task.Constraints;
        if (constraints.PinNode is { } pin && !string.Equals(pin, node.Name, StringComparison.OrdinalIgnoreCase))
        {
            context.Reject(node.Name, null, context.PinnedReason ??= $"the task is pinned to node '{pin}'");
            return;
        }

        foreach (var avoid in constraints.AvoidNodes)
        {
            if (string.Equals(avoid, node.Name, StringComparison.OrdinalIgnoreCase))
            {
                context.Reject(node.Name, null, "the task asks to avoid this node");
                return;
            }
        }

        if (!HasCapability(ref context, node, out var reason))
        {
            context.Reject(node.Name, null, reason);
            return;
        }

        switch (node.State.Status)
        {
            case NodeStatus.Offline:
                context.Reject(node.Name, null, "offline, and no Wake-on-LAN is configured to wake it (add wake_on_lan to the node in cluster.yaml)");
                return;
            case NodeStatus.Unknown:
                context.Reject(node.Name, null, "Proxmox reports its state as unknown");
                return;
            default:
                break;
        }

        if (constraints.AcceleratorKind is { } kind && node.GroupOf(kind) is null)
        {
            context.Reject(node.Name, null, Invariant($"has no {Lower(kind)} accelerator, and the task requires one"));
            return;
        }

        var execution = task.Type.Execution;
        if (execution != TaskExecution.Job)
        {
            var served = false;
            foreach (var service in node.Services)
            {
                if (execution == TaskExecution.ServiceOrJob && !Lists(service, context.Requested))
                {
                    continue;
                }

                served = true;
                EvaluateService(ref context, node, service);
            }

            if (execution == TaskExecution.Service)
            {
                if (node.Services.Length == 0)
                {
                    context.Reject(node.Name, null, "runs no inference service");
                }

                return;
            }

            if (served)
            {
                return;
            }
        }

        EvaluateJob(ref context, node);
    }

    private static bool Lists(IndexedService service, ResolvedModel? model) =>
        model is not null ? service.Servable.Contains(model.Key) : service.DefaultByKind[(int)ModelKind.ImageGeneration] is not null;

    private static bool HasCapability(ref Context context, IndexedNode node, out string reason)
    {
        reason = "";
        var type = context.Task.Type;
        var billions = context.Requested?.Profile.ParametersBillions;
        if (context.Index.UsesBits)
        {
            if ((node.CapabilityBits & context.AcceptedBits) != 0)
            {
                return true;
            }
        }
        else
        {
            foreach (var capability in node.Capabilities)
            {
                if (type.AcceptsCapability(capability, billions, context.Options.SmallModelMaxBillions))
                {
                    return true;
                }
            }
        }

        if (node.State.Config is null)
        {
            reason = "is not described in cluster.yaml, so its capabilities are unknown";
            return false;
        }

        if (type == TaskType.LlmInference && context.SmallBit >= 0 && (node.CapabilityBits & (1UL << context.SmallBit)) != 0)
        {
            reason = billions is { } b
                ? Invariant($"declares only {Capabilities.SmallLlmInference}; {context.Requested!.Name} has {b:0.#}B parameters, more than the {context.Options.SmallModelMaxBillions:0.#}B such nodes take")
                : Invariant($"declares only {Capabilities.SmallLlmInference}, which takes {Capabilities.LlmInference} only for a named model of at most {context.Options.SmallModelMaxBillions:0.#}B parameters");
            return false;
        }

        reason = context.CapabilityReason ??= $"does not declare the capability '{type.Capability}'";
        return false;
    }

    private static void EvaluateService(ref Context context, IndexedNode node, IndexedService service)
    {
        var task = context.Task;
        var group = service.Group!;
        if (task.Constraints.AcceleratorKind is { } kind && group.Kind != kind)
        {
            context.Reject(node.Name, service.Name, WrongFamily(group.Kind, kind));
            return;
        }

        var awake = node.State.Status == NodeStatus.Online;
        string modelName;
        string key;
        ModelProfile profile;
        if (context.Requested is { } requested)
        {
            modelName = requested.Name;
            key = requested.Key;
            var pullable = context.Options.OllamaPullsOnDemand && service.CanPull && requested.Profile.Kind is ModelKind.TextGeneration or ModelKind.Embedding;
            if (!service.Servable.Contains(key) && !pullable)
            {
                context.Reject(node.Name, service.Name, NotServed(requested.Name, service));
                return;
            }

            profile = requested.Profile;
        }
        else if (task.Type.ModelKind is { } modelKind && service.DefaultByKind[(int)modelKind] is { } fallback)
        {
            modelName = fallback.Name;
            key = fallback.Key;
            profile = fallback.Profile;
        }
        else
        {
            context.Reject(node.Name, service.Name, NoModelOfKind(task.Type.ModelKind));
            return;
        }

        var startSeconds = 0.0;
        if (awake && !service.Reachable)
        {
            if (service.StoppedGuest is not { } guest)
            {
                context.Reject(node.Name, service.Name, Unreachable(service));
                return;
            }

            startSeconds = guest.Type == GuestType.Qemu ? context.Options.VmStartSeconds : context.Options.ContainerStartSeconds;
        }

        var warm = awake && service.IsWarm(key);
        var home = warm ? null : HomeElsewhere(node, service, key);
        Score(ref context, node, service, group, modelName, key, profile, warm, startSeconds, home);
    }

    /// <summary>
    /// The other service on the node that cluster.yaml gives the model to, or that holds it, when <paramref name="service"/>
    /// is not configured for it: loading it here would be a second copy of weights that node already keeps for another service.
    /// </summary>
    private static IndexedService? HomeElsewhere(IndexedNode node, IndexedService service, string key)
    {
        if (service.Configured.Contains(key))
        {
            return null;
        }

        foreach (var other in node.Services)
        {
            if (!ReferenceEquals(other, service) && (other.Configured.Contains(key) || other.IsWarm(key)))
            {
                return other;
            }
        }

        return null;
    }

    private static void EvaluateJob(ref Context context, IndexedNode node)
    {
        var task = context.Task;
        var group = task.Constraints.AcceleratorKind is { } kind ? node.GroupOf(kind)!
            : task.Type == TaskType.Preprocessing ? node.Groups[^1]
            : node.PrimaryGroup!;
        Score(ref context, node, null, group, context.Requested?.Name, modelKey: null, context.Requested?.Profile, warm: false, startSeconds: 0, home: null);
    }

    private static void Score(
        ref Context context, IndexedNode node, IndexedService? service, AcceleratorGroup group,
        string? modelName, string? modelKey, ModelProfile? profile, bool warm, double startSeconds, IndexedService? home)
    {
        var task = context.Task;
        var options = context.Options;
        var constraints = task.Constraints;
        var awake = node.State.Status == NodeStatus.Online;

        // Memory: devices needed, whether it fits now, what must be unloaded.
        var needGb = Math.Max(profile?.ServingMemoryGb ?? 0, constraints.MinVramGb ?? 0);
        var devices = 1;
        var evictions = 0;
        var memoryWait = false;
        var headroom = double.NaN;
        if (group.MemoryKnown && needGb > 0)
        {
            devices = Math.Max(1, (int)Math.Ceiling(needGb / Math.Max(group.DeviceGb, 1e-9)));
            if (devices > group.Devices)
            {
                context.Reject(node.Name, service?.Name, TooLarge(modelName, needGb, group));
                return;
            }

            var free = group.FreeOnBest(devices);
            if (warm)
            {
                headroom = group.FreeTotalGb / Math.Max(group.TotalGb, 1e-9);
            }
            else
            {
                var deficit = needGb - free;
                if (deficit > 1e-9)
                {
                    // A service unloads its own models to make room (Ollama does), and PveAgent may unload the models
                    // of idle services; busy services' models free up when their work ends, so the load waits for
                    // them. Memory held by anything else (no service reports it) is out of reach: exclusion.
                    var ownGb = service?.LoadedGb ?? 0;
                    var othersGb = node.IdleLoadedGb - (service is { IsIdle: true } ? service.LoadedGb : 0);
                    var busyGb = node.BusyLoadedGb - (service is { IsIdle: false } ? service.LoadedGb : 0);
                    if (ownGb + othersGb + busyGb + 1e-9 < deficit)
                    {
                        context.Reject(node.Name, service?.Name, NoRoom(modelName, needGb, devices, group, free, ownGb, othersGb + busyGb));
                        return;
                    }

                    memoryWait = ownGb + othersGb + 1e-9 < deficit;
                    var covered = 0.0;
                    foreach (var entry in Evictable(node, service))
                    {
                        if (covered >= deficit - 1e-9)
                        {
                            break;
                        }

                        covered += entry.Gb;
                        evictions++;
                    }
                }

                headroom = Math.Max(0, group.FreeTotalGb - needGb) / Math.Max(group.TotalGb, 1e-9);
            }
        }
        else if (group.MemoryKnown)
        {
            headroom = group.FreeTotalGb / Math.Max(group.TotalGb, 1e-9);
        }

        // Services report their requests; a job's neighbours show only as utilisation (jobs are not service requests).
        var inFlight = awake ? group.InFlight : 0;
        if (awake && service is null && group.Utilization is { } utilization)
        {
            inFlight = Math.Max(inFlight, utilization * group.Capacity);
        }

        var load = inFlight / group.Capacity;
        var waiting = service?.Waiting ?? 0;
        var work = WorkEstimator.ServiceSeconds(task, profile, group.Profile, devices);
        var slowdown = Math.Max(1, (inFlight + 1) / group.Capacity);
        var queueSeconds = waiting / group.Capacity * work;
        var coldSeconds = profile is not null && !warm ? PerformanceModel.LoadSeconds(profile, group.Profile, devices) : 0;
        var wakeSeconds = awake ? 0 : node.BootSeconds;
        var waitSeconds = memoryWait ? options.MemoryWaitSeconds : 0;
        var estimatedSeconds = wakeSeconds + startSeconds + waitSeconds + coldSeconds + queueSeconds + (work * slowdown);

        if (constraints.MaxLatencyMs is { } maxMs && estimatedSeconds * 1000 > maxMs)
        {
            context.Reject(node.Name, service?.Name, TooSlow(estimatedSeconds, maxMs));
            return;
        }

        if (constraints.Deadline is { } deadline && context.Index.Snapshot.TakenAt.AddSeconds(estimatedSeconds) > deadline)
        {
            context.Reject(node.Name, service?.Name, TooLate(context.Index.Snapshot.TakenAt.AddSeconds(estimatedSeconds), deadline));
            return;
        }

        var busySeconds = coldSeconds + (work * slowdown);
        var watts = group.MarginalWattsPerDevice * devices;
        var wakeWatts = awake ? 0 : node.IdleWatts;
        var energyKwh = ((watts * busySeconds) + (wakeWatts * (wakeSeconds + busySeconds))) / 3.6e6;
        var cost = energyKwh * options.EnergyPricePerKwh;
        var measured = Measured(context.Index, service, modelKey, options, out var measuredElsewhere);

        var score = (profile is null ? 0 : warm ? options.WarmModelBonus : -options.ColdStartPerSecond * coldSeconds)
            - (options.EvictionPenalty * evictions)
            - (home is null ? 0 : options.SecondCopyPenalty)
            - (memoryWait ? options.MemoryWaitPenalty : 0)
            - (options.LoadWeight * load)
            - (options.QueueDepthPerRequest * waiting)
            + (double.IsNaN(headroom) ? 0 : options.VramHeadroomWeight * headroom)
            - (measured is { } m ? options.MeasuredLatencyPerSecond * m.MeanMs / 1000 : 0)
            - (options.ServiceTimePerSecond * work * slowdown)
            - (options.WakePerSecond * wakeSeconds)
            - (options.GuestStartPerSecond * startSeconds)
            - (options.PowerCostPerCurrencyUnit * cost);

        context.Offer(new Scored
        {
            Node = node,
            Service = service,
            Group = group,
            ModelName = modelName,
            Profile = profile,
            Warm = warm,
            Devices = devices,
            NeedGb = needGb,
            Evictions = evictions,
            Home = home,
            MemoryWait = memoryWait,
            Headroom = headroom,
            Load = load,
            InFlight = inFlight,
            Waiting = waiting,
            Measured = measured,
            MeasuredElsewhere = measuredElsewhere,
            WorkSeconds = work,
            ColdSeconds = coldSeconds,
            WakeSeconds = wakeSeconds,
            StartSeconds = startSeconds,
            Watts = watts + wakeWatts,
            EnergyKwh = energyKwh,
            Cost = cost,
            EstimatedSeconds = estimatedSeconds,
            Tier = !awake && options.WakeOnlyWhenNeeded ? 1 : 0,
            Slowdown = slowdown,
            Score = score,
        });
    }

    private static RouteCandidate Materialize(Scored s, TaskRequest task, RoutingOptions options)
    {
        var parts = new List<ScorePart>(10);
        var group = s.Group;
        var onDevices = s.Devices > 1 ? Invariant($"{s.Devices} × {group.ModelName}") : group.ModelName;
        if (s.Profile is not null)
        {
            if (s.Warm)
            {
                parts.Add(new ScorePart("warm-model", options.WarmModelBonus, Invariant($"{s.ModelName} is already loaded in {s.Service!.Name}: no cold start")));
            }
            else
            {
                parts.Add(new ScorePart("cold-start", -options.ColdStartPerSecond * s.ColdSeconds, Invariant(
                    $"{s.ModelName} is not loaded: ~{s.ColdSeconds:0.#} s to load {s.Profile.WeightsGb:0.#} GB onto {onDevices} at {group.Profile.LoadGbps * Math.Min(s.Devices, 2):0.#} GB/s")));
            }
        }

        if (s.Evictions > 0)
        {
            var unloaded = string.Join(", ", Evictable(s.Node, s.Service).Take(s.Evictions).Select(l => Invariant($"{l.Name} of {l.Service} ({l.Gb:0.#} GB)")));
            parts.Add(new ScorePart("eviction", -options.EvictionPenalty * s.Evictions, $"to make room, {unloaded} would be unloaded"));
        }

        if (s.Home is { } home)
        {
            var key = ModelKey.Normalize(s.ModelName!);
            var where = home.Configured.Contains(key)
                ? Invariant($"cluster.yaml lists {s.ModelName} under {home.Name}{(home.IsWarm(key) ? ", which has it loaded" : "")}, not {s.Service!.Name}")
                : Invariant($"{home.Name} already has {s.ModelName} loaded");
            parts.Add(new ScorePart("second-copy", -options.SecondCopyPenalty, Invariant(
                $"{where}: loading it in {s.Service!.Name} too would keep {s.NeedGb:0.#} GB of the same weights twice on {s.Node.Name}")));
        }

        if (s.MemoryWait)
        {
            parts.Add(new ScorePart("memory-wait", -options.MemoryWaitPenalty, Invariant(
                $"busy services hold the memory {s.ModelName} needs: the load waits ~{options.MemoryWaitSeconds:0} s for their work to end")));
        }

        var inFlight = s.InFlight;
        var jobs = group.Jobs;
        var inFlightText = jobs > 0 ? Invariant($"{inFlight - jobs:0.#} requests + {jobs:0.#} PveAgent jobs in flight") : Invariant($"{inFlight:0.#} requests in flight");
        parts.Add(new ScorePart("load", -options.LoadWeight * s.Load, s.Service is null && group.Utilization is { } u && (jobs > 0 ? u * group.Capacity > group.InFlight : u >= s.Load)
            ? Invariant($"{group.ModelName} is {u:P0} utilised")
            : Invariant($"{inFlightText} / ({group.Profile.ConcurrentStreams} streams × {group.Devices} {group.ModelName}) = {s.Load:0.##} of capacity")));
        if (s.Service is not null)
        {
            parts.Add(new ScorePart("queue-depth", -options.QueueDepthPerRequest * s.Waiting, Invariant($"{s.Waiting:0.#} requests waiting in {s.Service.Name}")));
        }

        if (!double.IsNaN(s.Headroom))
        {
            parts.Add(new ScorePart("vram-headroom", options.VramHeadroomWeight * s.Headroom, Invariant(
                $"{s.Headroom:P0} of {group.TotalGb:0.#} GB {(group.Kind == AcceleratorKind.Cpu ? "RAM" : "device memory")} free{(s.Warm || s.NeedGb <= 0 ? "" : Invariant($" after placing {s.NeedGb:0.#} GB"))}")));
        }

        if (s.Measured is { } measured)
        {
            parts.Add(new ScorePart("measured-latency", -options.MeasuredLatencyPerSecond * measured.MeanMs / 1000, s.MeasuredElsewhere
                ? Invariant($"{s.ModelName} has too few requests here to judge; across the cluster it averaged {measured.MeanMs / 1000:0.0} s over the last {measured.Count} requests")
                : Invariant($"{s.ModelName} here averaged {measured.MeanMs / 1000:0.0} s (p95 {measured.P95Ms / 1000:0.0} s) over the last {measured.Count} requests")));
        }

        parts.Add(new ScorePart("service-time", -options.ServiceTimePerSecond * s.WorkSeconds * s.Slowdown, Invariant(
            $"~{s.WorkSeconds:0.##} s of work on {onDevices} for {DescribeWork(task)} (hardware model){(s.Slowdown > 1 ? Invariant($", × {s.Slowdown:0.##} while {inFlight:0.#} requests share {group.Capacity:0} streams") : "")}")));
        if (s.WakeSeconds > 0)
        {
            parts.Add(new ScorePart("wake", -options.WakePerSecond * s.WakeSeconds, Invariant($"asleep: Wake-on-LAN and ~{s.WakeSeconds:0} s to boot")));
        }

        if (s.StartSeconds > 0)
        {
            var guest = s.Service!.StoppedGuest!;
            parts.Add(new ScorePart("guest-start", -options.GuestStartPerSecond * s.StartSeconds, Invariant(
                $"{(guest.Type == GuestType.Qemu ? "VM" : "container")} {guest.VmId} is stopped: ~{s.StartSeconds:0} s to start it")));
        }

        parts.Add(new ScorePart("power-cost", -options.PowerCostPerCurrencyUnit * s.Cost, Invariant(
            $"~{s.Watts:0} W for ~{s.EnergyKwh * 3.6e6 / Math.Max(s.Watts, 1e-9):0.#} s = {s.EnergyKwh * 1000:0.###} Wh at {options.EnergyPricePerKwh:0.###}/kWh")));

        return new RouteCandidate
        {
            Node = s.Node.Name,
            Service = s.Service?.Name,
            Model = s.ModelName,
            Accelerator = group.Kind,
            AcceleratorModel = group.ModelName,
            Devices = s.Devices,
            Score = s.Score,
            Parts = parts,
            Warm = s.Warm,
            NeedsWake = s.WakeSeconds > 0,
            NeedsGuestStart = s.StartSeconds > 0,
            EstimatedLatencyMs = s.EstimatedSeconds * 1000,
        };
    }

    /// <summary>
    /// The model's own latency history: on this service when it has enough samples here, else pooled over every service
    /// that ran it, else none.
    /// </summary>
    /// <remarks>
    /// Another model's samples never stand in: one Ollama serves 3B and 70B models whose latencies differ tenfold. The
    /// pooled fallback keeps a service that has not run the model yet from looking faster than one that has only
    /// because nothing was measured there: every service is charged for the model's own work, which runs everywhere.
    /// </remarks>
    private static LatencySummary? Measured(RoutingIndex index, IndexedService? service, string? modelKey, RoutingOptions options, out bool elsewhere)
    {
        elsewhere = false;
        if (service is null || modelKey is null)
        {
            return null;
        }

        if (service.Latencies.TryGetValue(modelKey, out var own) && own.Count >= options.MeasuredLatencyMinSamples)
        {
            return own;
        }

        if (index.Latencies.TryGetPooled(modelKey, out var pooled) && pooled.Count >= options.MeasuredLatencyMinSamples)
        {
            elsewhere = true;
            return pooled;
        }

        return null;
    }

    /// <summary>What may be unloaded for a cold start, in order: the service's own models, then idle services' models (largest first).</summary>
    private static IEnumerable<IndexedService.LoadedEntry> Evictable(IndexedNode node, IndexedService? service)
    {
        if (service is not null)
        {
            foreach (var entry in service.Loaded)
            {
                yield return entry;
            }
        }

        foreach (var entry in node.IdleLoaded.Concat(node.BusyLoaded))
        {
            if (service is null || !string.Equals(entry.Service, service.Name, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }

    // Reasons are formatted only when read (see RouteRejection); each factory allocates its closure only when called.
    private static Func<string> WrongFamily(AcceleratorKind has, AcceleratorKind wanted) =>
        () => Invariant($"runs on {Lower(has)}, and the task requires {Lower(wanted)}");

    private static Func<string> NotServed(string model, IndexedService service) => service.CanPull
        ? () => Invariant($"has not pulled {model} (it has {string.Join(", ", service.State.Available.DefaultIfEmpty("nothing"))}); run `ollama pull {model}` there, or set routing.ollama_pulls_on_demand: true")
        : () => Invariant($"does not serve {model}, and {service.State.Kind} serves only its configured models ({string.Join(", ", service.State.Config.Models)})");

    private static Func<string> NoModelOfKind(ModelKind? kind) => () => Invariant($"serves no {Describe(kind)} model");

    private static Func<string> Unreachable(IndexedService service) =>
        () => Invariant($"did not answer at {service.State.Url}: {service.State.Error ?? "no response"}");

    private static Func<string> TooLarge(string? model, double needGb, AcceleratorGroup group) =>
        () => Invariant($"{What(model, needGb)} needs {needGb:0.#} GB, more than its {group.Devices} × {group.DeviceGb:0.#} GB {group.ModelName} can hold");

    private static Func<string> NoRoom(string? model, double needGb, int devices, AcceleratorGroup group, double free, double ownGb, double othersGb) =>
        () => Invariant(
            $"{What(model, needGb)} needs {needGb:0.#} GB on {devices} × {group.ModelName}, but only {free + ownGb + othersGb:0.#} GB can be had ({free:0.#} GB free{(ownGb > 0 ? Invariant($" + {ownGb:0.#} GB of models this service can unload") : "")}{(othersGb > 0 ? Invariant($" + {othersGb:0.#} GB of other services' models") : "")}); the rest is held outside the inference services");

    private static Func<string> TooSlow(double estimatedSeconds, double maxMs) =>
        () => Invariant($"estimated {estimatedSeconds * 1000:0} ms to finish, more than max_latency_ms {maxMs:0}");

    private static Func<string> TooLate(DateTimeOffset finish, DateTimeOffset deadline) =>
        () => Invariant($"estimated to finish at {finish:u}, after the deadline {deadline:u}");

    private static string DescribeWork(TaskRequest task) => task.Type.Execution == TaskExecution.Job
        ? Invariant($"a {task.Size.JobSeconds:0} s job")
        : task.Type.ModelKind switch
        {
            ModelKind.Embedding => Invariant($"{task.PromptTokens} tokens"),
            ModelKind.SpeechToText => Invariant($"{task.Size.AudioSeconds:0} s of audio"),
            ModelKind.ImageGeneration => task.Type == TaskType.VideoGeneration
                ? Invariant($"{WorkEstimator.VideoFrames} frames × {task.Size.ImageSteps} steps")
                : Invariant($"{task.Size.ImageSteps} steps"),
            _ => Invariant($"{task.PromptTokens} prompt + {task.Size.OutputTokens} output tokens"),
        };

    private static string What(string? model, double needGb) => model ?? Invariant($"the task ({needGb:0.#} GB)");

    private static string Describe(ModelKind? kind) => kind switch
    {
        ModelKind.TextGeneration => "text-generation",
        ModelKind.Embedding => "embedding",
        ModelKind.SpeechToText => "speech-to-text",
        ModelKind.ImageGeneration => "image-generation",
        _ => "suitable",
    };

    private static string Lower(AcceleratorKind kind) => kind.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static ulong AcceptedBits(RoutingIndex index, TaskType type, double? billions, double smallMax, out int smallBit)
    {
        smallBit = index.BitOf(Capabilities.SmallLlmInference);
        ulong mask = 0;
        Add(index.BitOf(type.Capability));
        if (type == TaskType.LlmInference && billions is { } b && b <= smallMax)
        {
            Add(smallBit);
        }
        else if (type == TaskType.SmallLlmInference)
        {
            Add(index.BitOf(Capabilities.LlmInference));
            Add(index.BitOf(Capabilities.LightweightInference));
        }

        return mask;

        void Add(int bit)
        {
            if (bit is >= 0 and < 64)
            {
                mask |= 1UL << bit;
            }
        }
    }

    private sealed record CachedIndex(ClusterSnapshot Snapshot, LatencyTable? Latencies, JobLoad? Jobs, RoutingIndex Index);

    private sealed record ResolvedModel(string Name, string Key, ModelProfile Profile);

    private struct Scored
    {
        public IndexedNode Node;
        public IndexedService? Service;
        public AcceleratorGroup Group;
        public string? ModelName;
        public ModelProfile? Profile;
        public bool Warm;
        public int Devices;
        public double NeedGb;
        public int Evictions;
        public IndexedService? Home;
        public bool MemoryWait;
        public double Headroom;
        public double Load;
        public double InFlight;
        public double Waiting;
        public LatencySummary? Measured;
        public bool MeasuredElsewhere;
        public double WorkSeconds;
        public double Slowdown;
        public double ColdSeconds;
        public double WakeSeconds;
        public double StartSeconds;
        public double Watts;
        public double EnergyKwh;
        public double Cost;
        public double EstimatedSeconds;
        public int Tier;
        public double Score;

        /// <summary>True when this ranks before <paramref name="other"/>: tier, then score, then node and service name.</summary>
        public readonly bool RanksBefore(in Scored other)
        {
            if (Tier != other.Tier)
            {
                return Tier < other.Tier;
            }

            if (Score != other.Score)
            {
                return Score > other.Score;
            }

            var byNode = string.CompareOrdinal(Node.Name, other.Node.Name);
            return byNode != 0 ? byNode < 0 : string.CompareOrdinal(Service?.Name, other.Service?.Name) < 0;
        }
    }

    private struct Context
    {
        public readonly TaskRequest Task;
        public readonly RoutingIndex Index;
        public readonly RoutingOptions Options;
        public readonly ResolvedModel? Requested;
        public readonly ulong AcceptedBits;
        public readonly int SmallBit;
        public readonly Scored[] Top;
        public readonly List<RouteRejection> Rejected;
        public int TopCount;
        public int Feasible;
        public string? CapabilityReason;
        public string? PinnedReason;

        public Context(TaskRequest task, RoutingIndex index, RoutingOptions options, ResolvedModel? requested)
        {
            Task = task;
            Index = index;
            Options = options;
            Requested = requested;
            AcceptedBits = Router.AcceptedBits(index, task.Type, requested?.Profile.ParametersBillions, options.SmallModelMaxBillions, out SmallBit);
            Top = new Scored[Math.Min(options.MaxCandidates, Math.Max(1, index.NodeCount * 4))];
            Rejected = [];
        }

        public readonly void Reject(string node, string? service, string reason) => Rejected.Add(new RouteRejection(node, service, reason));

        public readonly void Reject(string node, string? service, Func<string> reason) => Rejected.Add(new RouteRejection(node, service, reason));

        /// <summary>Keeps the best <see cref="RoutingOptions.MaxCandidates"/> in order (insertion into a short sorted array).</summary>
        public void Offer(in Scored scored)
        {
            Feasible++;
            var position = TopCount;
            while (position > 0 && scored.RanksBefore(Top[position - 1]))
            {
                position--;
            }

            if (position >= Top.Length)
            {
                return;
            }

            var last = Math.Min(TopCount, Top.Length - 1);
            for (var i = last; i > position; i--)
            {
                Top[i] = Top[i - 1];
            }

            Top[position] = scored;
            TopCount = Math.Min(TopCount + 1, Top.Length);
        }
    }
}
