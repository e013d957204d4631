using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// The hardware side of the simulated inference servers: which models are in which memory, which requests are running
/// and when each finishes. Every public method materialises the present from stored instants first (server starts,
/// load and request timelines), so the state is a function of the clock.
/// </summary>
/// <remarks>
/// Memory model (per node, over the devices of its first accelerator group):
/// resident servers (vLLM, llama.cpp, whisper, Triton) together take at most 90 % of device memory, vLLM's default
/// <c>gpu_memory_utilization</c>: their weights in full and their KV cache scaled down to what is left; a resident
/// whose weights do not fit fails to start (out of memory) and refuses connections for as long as that lasts.
/// Ollama gets the rest: a model that does not fit evicts Ollama's least recently used idle models, and what still
/// does not fit runs partly on the CPU (<c>size_vram</c> &lt; <c>size</c>) at CPU speed.
/// </remarks>
internal sealed class InferenceWorld(InferenceSimulatorOptions options)
{
    /// <summary>Share of device memory resident servers may use (vLLM's default <c>gpu_memory_utilization</c>).</summary>
    public const double ResidentMemoryFraction = 0.9;

    /// <summary>Context length Ollama loads a model with when the request names none.</summary>
    public const int OllamaDefaultContext = 4096;

    private const double Epsilon = 1e-6;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private InferenceState _state = new();
    private ClusterConfig? _config;
    private IReadOnlyList<ServiceBinding> _bindings = [];
    private Dictionary<(string Host, int Port), ServiceBinding> _endpoints = [];
    private Dictionary<string, IGrouping<string, ServiceBinding>> _bindingsByNode = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<(string Node, string Service), ServiceRuntime>? _runtimes;

    public InferenceSimulatorOptions Options => options;

    public void Seed(SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            var bindings = Bindings(context.Config);
            _state = new InferenceState { SeededAt = now };
            _runtimes = null;
            _failures.Clear();

            // The world begins as if every server had been running for an hour: residents warm, Ollama with its first
            // model loaded and pinned (keep_alive -1) until a request sets its own keep-alive.
            var upSince = now - TimeSpan.FromHours(1);
            foreach (var binding in bindings)
            {
                var runtime = new ServiceRuntime { Node = binding.Node.Name, Service = binding.Service.Name };
                _state.Services.Add(runtime);
                if (GuestUp(binding, context))
                {
                    StartServer(binding, runtime, upSince);
                }
            }

            Materialise(context, now);
            foreach (var binding in bindings.Where(b => !b.IsResident && b.Service.Models.Count > 0))
            {
                var runtime = Runtime(binding);
                if (runtime.UpSince is { } since)
                {
                    var model = EnsureOllamaModel(binding, runtime, binding.Service.Models[0], since, null);
                    model.KeepAlive = null;
                }
            }

            Materialise(context, now);
        }
    }

    public bool Load(InferenceState? state, SimulationContext context)
    {
        if (state is null || state.Version != 1 || state.Services is null
            || state.Services.Any(s => s is null || s.Models is null || s.Requests is null || s.Counters is null))
        {
            return false;
        }

        lock (_gate)
        {
            _state = state;
            _runtimes = null;
            _failures.Clear();
            var bindings = Bindings(context.Config);
            // Services removed from cluster.yaml are dropped; new ones start from nothing.
            var known = bindings.Select(b => (b.Node.Name, b.Service.Name)).ToHashSet();
            _state.Services.RemoveAll(s => !known.Contains((s.Node, s.Service)));
            _runtimes = null;
            foreach (var binding in bindings)
            {
                if (Find(binding) is null)
                {
                    _state.Services.Add(new ServiceRuntime { Node = binding.Node.Name, Service = binding.Service.Name });
                }
            }

            return true;
        }
    }

    public T WithState<T>(Func<InferenceState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    public ServiceBinding? FindEndpoint(string host, int port, ClusterConfig config)
    {
        lock (_gate)
        {
            Bindings(config);
            return _endpoints.GetValueOrDefault((host.ToLowerInvariant(), port));
        }
    }

    public ServiceSnapshot Observe(ServiceBinding binding, SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            Materialise(context, now, binding.Node.Name);
            return Snapshot(binding, now);
        }
    }

    public IReadOnlyList<ServiceSnapshot> ObserveAll(SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            Materialise(context, now);
            return [.. Bindings(context.Config).Select(b => Snapshot(b, now))];
        }
    }

    /// <summary>Admits a request: loads the model if needed and fixes the request's timeline; null when the server is down.</summary>
    public Admission? Admit(WorkRequest work, SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            Materialise(context, now, work.Binding.Node.Name);
            var binding = work.Binding;
            var runtime = Runtime(binding);
            if (runtime.UpSince is not { } upSince)
            {
                return null;
            }

            var model = binding.IsResident
                ? runtime.Models.FirstOrDefault(m => m.Name == work.Model)
                : EnsureOllamaModel(binding, runtime, work.Model, now, work.ContextLength);
            if (model is null)
            {
                return null;
            }

            var scale = options.TimeScale;
            var loadWait = model.ReadyAt > now ? model.ReadyAt - now : TimeSpan.Zero;
            var profile = ModelFacts.Profile(model.Name);
            var (accelerator, devices) = Execution(binding, model, profile);
            // Continuous batching keeps per-request speed until the device's concurrent streams are used up.
            var slowdown = Math.Max(1.0, (runtime.Requests.Count + 1.0) / accelerator.ConcurrentStreams);

            double prompt = 0, perToken = 0;
            var outputTokens = 0;
            switch (work.Kind)
            {
                case WorkKind.Generate:
                    prompt = work.PromptTokens / PerformanceModel.PrefillTokensPerSecond(profile, accelerator, devices) * slowdown;
                    perToken = slowdown / PerformanceModel.DecodeTokensPerSecond(profile, accelerator, devices);
                    outputTokens = work.OutputTokens;
                    break;
                case WorkKind.Embed:
                    prompt = PerformanceModel.EmbeddingSeconds(profile, accelerator, work.PromptTokens, devices) * slowdown;
                    break;
                case WorkKind.Transcribe:
                    prompt = PerformanceModel.TranscriptionSeconds(profile, accelerator, work.AudioSeconds, devices) * slowdown;
                    break;
                case WorkKind.Load:
                    break;
            }

            var decodeStartsAt = now + loadWait + TimeSpan.FromSeconds(prompt * scale);
            var perTokenClock = TimeSpan.FromSeconds(perToken * scale);
            var endsAt = decodeStartsAt + (perTokenClock * outputTokens);
            var request = new RequestRuntime
            {
                Id = runtime.NextRequestId++,
                Model = model.Name,
                StartedAt = now,
                DecodeStartsAt = decodeStartsAt,
                EndsAt = endsAt,
                PromptTokens = work.PromptTokens,
                OutputTokens = outputTokens,
                HitLength = work.HitLength,
            };
            runtime.Requests.Add(request);
            if (endsAt > model.LastUsedAt)
            {
                model.LastUsedAt = endsAt;
            }

            if (!binding.IsResident)
            {
                model.KeepAlive = work.KeepAlive is { } keepAlive ? keepAlive.Duration : options.OllamaKeepAlive;
            }

            return new Admission
            {
                Binding = binding,
                RequestId = request.Id,
                ServerUpSince = upSince,
                Model = model.Name,
                StartedAt = now,
                DecodeStartsAt = decodeStartsAt,
                EndsAt = endsAt,
                PerToken = perTokenClock,
                PromptTokens = work.PromptTokens,
                OutputTokens = outputTokens,
                LoadSeconds = loadWait.TotalSeconds / scale,
                PromptSeconds = prompt,
                GenerationSeconds = perToken * outputTokens,
            };
        }
    }

    /// <summary>Drops a request the client abandoned; it no longer counts as in flight.</summary>
    public void Abort(Admission admission, SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            var runtime = Runtime(admission.Binding);
            // A request whose last byte is due is finished, not abandoned: it retires normally.
            if (runtime.UpSince != admission.ServerUpSince || admission.EndsAt <= now
                || runtime.Requests.RemoveAll(r => r.Id == admission.RequestId) == 0)
            {
                return;
            }

            runtime.CountersOf(admission.Model).Aborted++;
            if (runtime.Models.FirstOrDefault(m => m.Name == admission.Model) is { } model)
            {
                model.LastUsedAt = runtime.Requests.Where(r => r.Model == model.Name).Select(r => r.EndsAt).Append(now).Max();
            }
        }
    }

    /// <summary>True while the server that admitted the request is still the one running (it did not stop or restart).</summary>
    public bool StillServing(Admission admission, SimulationContext context)
    {
        lock (_gate)
        {
            Materialise(context, context.Clock.GetUtcNow(), admission.Binding.Node.Name);
            return Runtime(admission.Binding).UpSince == admission.ServerUpSince;
        }
    }

    /// <summary>Ollama <c>keep_alive: 0</c> without a prompt: unloads the model once its running requests finish.</summary>
    public void Unload(ServiceBinding binding, string model, SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            Materialise(context, now, binding.Node.Name);
            var runtime = Runtime(binding);
            if (runtime.Models.FirstOrDefault(m => m.Name == model) is { } loaded)
            {
                loaded.KeepAlive = TimeSpan.Zero;
                loaded.LastUsedAt = runtime.Requests.Where(r => r.Model == model).Select(r => r.EndsAt).Append(now).Max();
            }

            Materialise(context, now, binding.Node.Name);
        }
    }

    public IReadOnlyList<AcceleratorLoad> AcceleratorLoads(string node, SimulationContext context)
    {
        lock (_gate)
        {
            var now = context.Clock.GetUtcNow();
            Materialise(context, now, node);
            var bindings = _bindingsByNode.TryGetValue(node, out var onNode) ? onNode.ToList() : [];
            var hardware = bindings.FirstOrDefault()?.Hardware
                ?? (context.Config.FindNode(node) is { } config ? new NodeHardware(config) : null);
            if (hardware is null)
            {
                return [];
            }

            var free = hardware.Devices.Select(d => d.CapacityGb).ToArray();
            var used = new double[free.Length];
            var busy = new double[free.Length];
            var loading = new bool[free.Length];
            var processes = new Dictionary<(int Device, string Service), double>();

            // Residents first (they start with the guest), then Ollama's models in load order.
            var placements = bindings
                .Select(b => (Binding: b, Runtime: Runtime(b)))
                .Where(x => x.Runtime.UpSince is not null)
                .SelectMany(x => x.Runtime.Models.Select(m => (x.Binding, x.Runtime, Model: m)))
                .OrderBy(x => x.Binding.IsResident ? 0 : 1)
                .ThenBy(x => x.Binding.IsResident ? DateTimeOffset.MinValue : x.Model.LoadStartedAt)
                .ToList();
            var compute = hardware.ComputeDevices.Select(d => d.Index).ToArray();
            foreach (var (binding, runtime, model) in placements)
            {
                if (model.VramGb <= Epsilon || compute.Length == 0)
                {
                    continue;
                }

                var profile = ModelFacts.Profile(model.Name);
                var count = Math.Min(hardware.DevicesFor(profile), compute.Length);
                var chosen = compute.OrderByDescending(i => free[i]).ThenBy(i => i).Take(count).ToArray();
                var remaining = model.VramGb;
                var share = model.VramGb / chosen.Length;
                var inFlight = runtime.Requests.Count(r => r.Model == model.Name && r.StartedAt <= now);
                foreach (var device in chosen)
                {
                    var take = Math.Min(share, Math.Min(remaining, free[device]));
                    Place(device, take);
                    busy[device] += (double)inFlight / hardware.Profile.ConcurrentStreams;
                    loading[device] |= model.ReadyAt > now;
                }

                // What did not fit evenly (a device already fuller than the others) spills to the emptiest devices.
                foreach (var device in compute.OrderByDescending(i => free[i]).ThenBy(i => i))
                {
                    if (remaining <= Epsilon)
                    {
                        break;
                    }

                    Place(device, Math.Min(remaining, free[device]));
                }

                void Place(int device, double gb)
                {
                    if (gb <= 0)
                    {
                        return;
                    }

                    free[device] -= gb;
                    used[device] += gb;
                    remaining -= gb;
                    var key = (device, binding.Service.Name);
                    processes[key] = processes.GetValueOrDefault(key) + gb;
                }
            }

            return
            [
                .. hardware.Devices.Select(d => new AcceleratorLoad
                {
                    Index = d.Index,
                    Config = d.Config,
                    Profile = d.Profile,
                    MemoryTotalGb = d.CapacityGb,
                    MemoryUsedGb = used[d.Index],
                    Busy = Math.Min(1.0, busy[d.Index]),
                    Loading = loading[d.Index],
                    Processes =
                    [
                        .. processes
                            .Where(p => p.Key.Device == d.Index)
                            .Select(p => ServerProcess(bindings.First(b => b.Service.Name == p.Key.Service), p.Value)),
                    ],
                }),
            ];
        }
    }

    /// <summary>The process a service runs as, with a pid stable for the service.</summary>
    public static AcceleratorProcess ServerProcess(ServiceBinding binding, double memoryGb)
    {
        var pid = 1000 + (int)(StableHash.Of(binding.Key) % 60000);
        var service = binding.Service;
        var model = service.Models.Count > 0 ? service.Models[0] : "model";
        var (name, commandLine) = service.Kind switch
        {
            ServiceKind.Ollama => ("/usr/local/bin/ollama", $"/usr/local/bin/ollama runner --ollama-engine --port {service.Port + 20000}"),
            ServiceKind.Vllm => ("python3", $"python3 -m vllm.entrypoints.openai.api_server --model /models/{model} --served-model-name {string.Join(' ', service.Models)} --port {service.Port}"),
            ServiceKind.LlamaCpp => ("/usr/local/bin/llama-server", $"/usr/local/bin/llama-server -m /models/{model}.gguf --alias {model} --port {service.Port} --metrics"),
            ServiceKind.Whisper => ("python3", $"python3 -m uvicorn speaches.main:create_app --factory --port {service.Port}"),
            _ => ("/opt/tritonserver/bin/tritonserver", $"/opt/tritonserver/bin/tritonserver --model-repository=/models --http-port={service.Port}"),
        };
        return new AcceleratorProcess
        {
            Pid = pid,
            ProcessName = name,
            CommandLine = commandLine,
            Service = service.Name,
            MemoryGb = memoryGb,
        };
    }

    private IReadOnlyList<ServiceBinding> Bindings(ClusterConfig config)
    {
        if (!ReferenceEquals(config, _config))
        {
            var bindings = new List<ServiceBinding>();
            foreach (var node in config.Nodes)
            {
                var hardware = new NodeHardware(node);
                bindings.AddRange(node.Services.Select(s => new ServiceBinding(node, s, hardware)));
            }

            _bindings = bindings;
            _bindingsByNode = bindings.GroupBy(b => b.Node.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, StringComparer.OrdinalIgnoreCase);
            _endpoints = [];
            foreach (var binding in bindings)
            {
                foreach (var endpoint in binding.Endpoints())
                {
                    _endpoints.TryAdd(endpoint, binding);
                }
            }

            _config = config;
        }

        return _bindings;
    }

    private ServiceRuntime? Find(ServiceBinding binding)
    {
        // The state's list is what is persisted; the index over it is rebuilt whenever the list is replaced or grows.
        if (_runtimes is null || _runtimes.Count != _state.Services.Count)
        {
            _runtimes = [];
            foreach (var service in _state.Services)
            {
                _runtimes.TryAdd((service.Node, service.Service), service);
            }
        }

        return _runtimes.GetValueOrDefault((binding.Node.Name, binding.Service.Name));
    }

    private ServiceRuntime Runtime(ServiceBinding binding)
    {
        if (Find(binding) is { } runtime)
        {
            return runtime;
        }

        runtime = new ServiceRuntime { Node = binding.Node.Name, Service = binding.Service.Name };
        _state.Services.Add(runtime);
        return runtime;
    }

    private ServiceSnapshot Snapshot(ServiceBinding binding, DateTimeOffset now)
    {
        var runtime = Runtime(binding);
        return new ServiceSnapshot
        {
            Binding = binding,
            Now = now,
            SeededAt = _state.SeededAt,
            UpSince = runtime.UpSince,
            Failure = _failures.GetValueOrDefault(binding.Key),
            Models = [.. runtime.Models.Select(m => m.Clone())],
            Requests = [.. runtime.Requests.Select(r => r.Clone())],
            Counters = runtime.Counters.ToDictionary(c => c.Key, c => c.Value.Clone(), StringComparer.Ordinal),
        };
    }

    private static bool GuestUp(ServiceBinding binding, SimulationContext context)
    {
        if (context.Power is not { } power)
        {
            return true;
        }

        if (!power.IsNodeOnline(binding.Node.Name))
        {
            return false;
        }

        if (binding.Service.Guest is not { } vmId)
        {
            return true;
        }

        if (!power.IsGuestRunning(vmId))
        {
            return false;
        }

        return power.NodeOfGuest(vmId) is not { } host || power.IsNodeOnline(host);
    }

    private static DateTimeOffset StartTime(ServiceBinding binding, SimulationContext context, DateTimeOffset now) =>
        binding.Service.Guest is { } vmId && context.Power is IGuestUptimeView uptime
            && uptime.GuestRunningSince(vmId) is { } since && since <= now
            ? since
            : now;

    /// <summary>Brings the present up to <paramref name="now"/>: power changes, finished requests, expired and evicted models.</summary>
    /// <remarks>
    /// Services of one node share its memory and nothing else, so a request only needs its own node brought up to date
    /// (<paramref name="onlyNode"/>); that keeps a request O(services on the node), not O(cluster).
    /// </remarks>
    private void Materialise(SimulationContext context, DateTimeOffset now, string? onlyNode = null)
    {
        Bindings(context.Config);
        IEnumerable<IGrouping<string, ServiceBinding>> groups = onlyNode is null
            ? _bindingsByNode.Values
            : _bindingsByNode.TryGetValue(onlyNode, out var one) ? [one] : [];
        foreach (var node in groups)
        {
            var hardware = node.First().Hardware;
            var residents = new List<(ServiceBinding Binding, ServiceRuntime Runtime)>();
            foreach (var binding in node)
            {
                var runtime = Runtime(binding);
                if (!GuestUp(binding, context))
                {
                    Stop(runtime);
                    _failures.Remove(binding.Key);
                }
                else if (binding.IsResident)
                {
                    residents.Add((binding, runtime));
                }
                else if (runtime.UpSince is null)
                {
                    StartServer(binding, runtime, StartTime(binding, context, now));
                }
            }

            var residentBudget = hardware.CapacityGb * ResidentMemoryFraction;
            var weights = 0.0;
            var fitting = new List<(ServiceBinding Binding, ServiceRuntime Runtime)>();
            // First come, first served: running residents keep their memory; newcomers start in cluster.yaml order.
            foreach (var (binding, runtime) in residents.OrderBy(r => r.Runtime.UpSince ?? DateTimeOffset.MaxValue).ToList())
            {
                var need = binding.Service.Models.Sum(m => ModelFacts.Profile(m).WeightsGb);
                if (weights + need > residentBudget + Epsilon)
                {
                    Stop(runtime);
                    _failures[binding.Key] = OutOfMemory(binding, need, residentBudget - weights);
                    continue;
                }

                weights += need;
                _failures.Remove(binding.Key);
                fitting.Add((binding, runtime));
                if (runtime.UpSince is null)
                {
                    StartServer(binding, runtime, StartTime(binding, context, now));
                }
            }

            // Residents get their weights in full and share what is left of their budget for KV cache.
            var extra = fitting.Sum(x => x.Binding.Service.Models.Sum(m => ModelFacts.Profile(m).ServingMemoryGb - ModelFacts.Profile(m).WeightsGb));
            var kvShare = hardware.IsCpuOnly || extra <= Epsilon ? 1.0 : Math.Clamp((residentBudget - weights) / extra, 0, 1);
            var residentVram = 0.0;
            foreach (var (_, runtime) in fitting)
            {
                foreach (var model in runtime.Models)
                {
                    var profile = ModelFacts.Profile(model.Name);
                    model.SizeGb = profile.WeightsGb + (kvShare * (profile.ServingMemoryGb - profile.WeightsGb));
                    model.VramGb = hardware.IsCpuOnly ? 0 : model.SizeGb;
                    residentVram += model.VramGb;
                }
            }

            var ollamas = new List<ServiceRuntime>();
            foreach (var binding in node)
            {
                var runtime = Runtime(binding);
                if (runtime.UpSince is null)
                {
                    continue;
                }

                Retire(runtime, now);
                if (!binding.IsResident)
                {
                    ollamas.Add(runtime);
                    runtime.Models.RemoveAll(m => m.KeepAlive is { } keepAlive && m.LastUsedAt + keepAlive <= now && !Busy(runtime, m));
                }
            }

            // A resident that started after Ollama loaded its models takes the memory back: Ollama evicts to make room.
            var ollamaBudget = hardware.CapacityGb - residentVram;
            while (ollamas.Sum(o => o.Models.Sum(m => m.VramGb)) > ollamaBudget + Epsilon)
            {
                var victim = ollamas
                    .SelectMany(o => o.Models.Where(m => m.VramGb > 0 && !Busy(o, m)).Select(m => (Runtime: o, Model: m)))
                    .OrderBy(x => x.Model.LastUsedAt)
                    .FirstOrDefault();
                if (victim.Model is null)
                {
                    break;
                }

                victim.Runtime.Models.Remove(victim.Model);
            }
        }
    }

    private void StartServer(ServiceBinding binding, ServiceRuntime runtime, DateTimeOffset since)
    {
        runtime.UpSince = since;
        runtime.Models.Clear();
        runtime.Requests.Clear();
        if (!binding.IsResident)
        {
            return;
        }

        foreach (var name in binding.Service.Models)
        {
            var profile = ModelFacts.Profile(name);
            var load = PerformanceModel.LoadSeconds(profile, binding.Hardware.Profile, binding.Hardware.DevicesFor(profile));
            runtime.Models.Add(new ModelRuntime
            {
                Name = name,
                LoadStartedAt = since,
                ReadyAt = since + TimeSpan.FromSeconds(load * options.TimeScale),
                LastUsedAt = since,
                KeepAlive = null,
                SizeGb = profile.ServingMemoryGb,
                VramGb = binding.Hardware.IsCpuOnly ? 0 : profile.ServingMemoryGb,
                ContextLength = ModelFacts.TrainedContext(name),
            });
        }
    }

    private static void Stop(ServiceRuntime runtime)
    {
        if (runtime.UpSince is null)
        {
            return;
        }

        foreach (var request in runtime.Requests)
        {
            runtime.CountersOf(request.Model).Aborted++;
        }

        runtime.UpSince = null;
        runtime.Models.Clear();
        runtime.Requests.Clear();
    }

    private void Retire(ServiceRuntime runtime, DateTimeOffset now)
    {
        foreach (var request in runtime.Requests.Where(r => r.EndsAt <= now))
        {
            var counters = runtime.CountersOf(request.Model);
            counters.PromptTokens += request.PromptTokens;
            counters.GenerationTokens += request.OutputTokens;
            counters.PromptSeconds += (request.DecodeStartsAt - request.StartedAt).TotalSeconds / options.TimeScale;
            counters.GenerationSeconds += (request.EndsAt - request.DecodeStartsAt).TotalSeconds / options.TimeScale;
            counters.MaxContextTokens = Math.Max(counters.MaxContextTokens, request.PromptTokens + request.OutputTokens);
            if (request.HitLength)
            {
                counters.FinishedLength++;
            }
            else
            {
                counters.FinishedStop++;
            }
        }

        runtime.Requests.RemoveAll(r => r.EndsAt <= now);
    }

    private static bool Busy(ServiceRuntime runtime, ModelRuntime model) => runtime.Requests.Any(r => r.Model == model.Name);

    private ModelRuntime EnsureOllamaModel(ServiceBinding binding, ServiceRuntime runtime, string name, DateTimeOffset now, int? contextLength)
    {
        if (runtime.Models.FirstOrDefault(m => m.Name == name) is { } loaded)
        {
            return loaded;
        }

        var hardware = binding.Hardware;
        var profile = ModelFacts.Profile(name);
        var size = profile.ServingMemoryGb;
        var vram = 0.0;
        if (!hardware.IsCpuOnly)
        {
            while (OllamaFree(binding) < size - Epsilon)
            {
                var victim = runtime.Models.Where(m => !Busy(runtime, m)).OrderBy(m => m.LastUsedAt).FirstOrDefault();
                if (victim is null)
                {
                    break;
                }

                runtime.Models.Remove(victim);
            }

            vram = Math.Clamp(OllamaFree(binding), 0, size);
        }

        var offloaded = hardware.IsCpuOnly || vram < size - Epsilon;
        var accelerator = offloaded ? AcceleratorProfiles.Cpu : hardware.Profile;
        var load = PerformanceModel.LoadSeconds(profile, accelerator, offloaded ? 1 : hardware.DevicesFor(profile));
        var model = new ModelRuntime
        {
            Name = name,
            LoadStartedAt = now,
            ReadyAt = now + TimeSpan.FromSeconds(load * options.TimeScale),
            LastUsedAt = now,
            KeepAlive = options.OllamaKeepAlive,
            SizeGb = size,
            VramGb = vram,
            ContextLength = contextLength ?? OllamaDefaultContext,
        };
        runtime.Models.Add(model);
        return model;
    }

    /// <summary>Device memory of the node not held by anyone, GB.</summary>
    private double OllamaFree(ServiceBinding binding)
    {
        var held = _bindings
            .Where(b => b.Node.Name == binding.Node.Name)
            .Select(Runtime)
            .Where(r => r.UpSince is not null)
            .Sum(r => r.Models.Sum(m => m.VramGb));
        return binding.Hardware.CapacityGb - held;
    }

    private static (AcceleratorProfile Profile, int Devices) Execution(ServiceBinding binding, ModelRuntime model, ModelProfile profile)
    {
        var hardware = binding.Hardware;
        var offloaded = !binding.IsResident && (hardware.IsCpuOnly || model.VramGb < model.SizeGb - Epsilon);
        return offloaded || hardware.IsCpuOnly ? (AcceleratorProfiles.Cpu, 1) : (hardware.Profile, hardware.DevicesFor(profile));
    }

    private static string OutOfMemory(ServiceBinding binding, double needGb, double freeGb)
    {
        var hardware = binding.Hardware;
        var free = Math.Max(0, freeGb);
        var capacity = hardware.ComputeDevices.Count > 0 ? hardware.ComputeDevices[0].CapacityGb : 0;
        // The messages the real stacks print when the weights do not fit (PyTorch's CUDA allocator, tt-metal's allocator).
        return hardware.Profile.Kind == AcceleratorKind.Tenstorrent
            ? string.Create(CultureInfo.InvariantCulture, $"TT_THROW: Out of Memory: Not enough space to allocate {(long)(needGb * 1e9)} B DRAM buffer across 12 banks, where each bank needs to store {(long)(needGb * 1e9 / 12)} B ({free:0.00} GB free)")
            : string.Create(CultureInfo.InvariantCulture, $"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate {needGb / 1.073741824:0.00} GiB. GPU 0 has a total capacity of {capacity / 1.073741824:0.00} GiB of which {free / 1.073741824:0.00} GiB is free.");
    }
}
