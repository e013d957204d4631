namespace PveAgent.Simulator.Inference;

// The persisted world of the inference servers. Times are instants of the simulation clock; what is true "now" is
// derived from them on access (a request is in flight while now < EndsAt). Mutable, but only ever touched under
// InferenceWorld's lock.

/// <summary>Root of the <c>inference</c> section of the state file.</summary>
internal sealed class InferenceState
{
    public int Version { get; set; } = 1;

    public DateTimeOffset SeededAt { get; set; }

    public List<ServiceRuntime> Services { get; set; } = [];
}

/// <summary>Run-time state of one service.</summary>
internal sealed class ServiceRuntime
{
    public required string Node { get; set; }

    public required string Service { get; set; }

    /// <summary>When the server process came up (null while its guest is stopped or it cannot start).</summary>
    public DateTimeOffset? UpSince { get; set; }

    public List<ModelRuntime> Models { get; set; } = [];

    public List<RequestRuntime> Requests { get; set; } = [];

    public long NextRequestId { get; set; } = 1;

    /// <summary>Prometheus counters per model.</summary>
    public Dictionary<string, ServiceCounters> Counters { get; set; } = [];

    public ServiceCounters CountersOf(string model)
    {
        if (!Counters.TryGetValue(model, out var counters))
        {
            counters = new ServiceCounters();
            Counters[model] = counters;
        }

        return counters;
    }
}

/// <summary>A model in memory (loading until <see cref="ReadyAt"/>).</summary>
internal sealed class ModelRuntime
{
    public required string Name { get; set; }

    public DateTimeOffset LoadStartedAt { get; set; }

    public DateTimeOffset ReadyAt { get; set; }

    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>Ollama keep-alive after the last use; null = forever (residents are never unloaded).</summary>
    public TimeSpan? KeepAlive { get; set; }

    /// <summary>Memory the model occupies in total, GB.</summary>
    public double SizeGb { get; set; }

    /// <summary>Part of it in device memory, GB (Ollama offloads the rest to the CPU).</summary>
    public double VramGb { get; set; }

    public int ContextLength { get; set; }

    public ModelRuntime Clone() => (ModelRuntime)MemberwiseClone();
}

/// <summary>A request being served, with its whole timeline fixed at admission.</summary>
internal sealed class RequestRuntime
{
    public long Id { get; set; }

    public required string Model { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When prompt processing ends and tokens start to flow (after any wait for the model to load).</summary>
    public DateTimeOffset DecodeStartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int PromptTokens { get; set; }

    public int OutputTokens { get; set; }

    /// <summary>True when it stopped on <c>max_tokens</c> (vLLM's <c>finished_reason="length"</c>).</summary>
    public bool HitLength { get; set; }

    public RequestRuntime Clone() => (RequestRuntime)MemberwiseClone();
}

/// <summary>Totals for the Prometheus counters of one model, accumulated as requests finish.</summary>
internal sealed class ServiceCounters
{
    public long PromptTokens { get; set; }

    public long GenerationTokens { get; set; }

    public long FinishedStop { get; set; }

    public long FinishedLength { get; set; }

    public long Aborted { get; set; }

    public double PromptSeconds { get; set; }

    public double GenerationSeconds { get; set; }

    public long MaxContextTokens { get; set; }

    public ServiceCounters Clone() => (ServiceCounters)MemberwiseClone();
}
