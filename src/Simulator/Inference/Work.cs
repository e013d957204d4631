namespace PveAgent.Simulator.Inference;

/// <summary>What a request asks of the hardware.</summary>
internal enum WorkKind
{
    /// <summary>Prompt processing then token generation.</summary>
    Generate,

    /// <summary>One forward pass over the input.</summary>
    Embed,

    /// <summary>Speech to text over a length of audio.</summary>
    Transcribe,

    /// <summary>Only make sure the model is loaded (Ollama's empty <c>messages</c>).</summary>
    Load,
}

/// <summary>A request as the hardware model sees it.</summary>
internal sealed record WorkRequest
{
    public required ServiceBinding Binding { get; init; }

    /// <summary>Model as configured in cluster.yaml.</summary>
    public required string Model { get; init; }

    public required WorkKind Kind { get; init; }

    public int PromptTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>True when generation stops because it reached the requested maximum.</summary>
    public bool HitLength { get; init; }

    public double AudioSeconds { get; init; }

    /// <summary>Ollama keep-alive requested, or null for the default.</summary>
    public KeepAlive? KeepAlive { get; init; }

    /// <summary>Ollama <c>options.num_ctx</c> when given.</summary>
    public int? ContextLength { get; init; }
}

/// <summary>An admitted request: its timeline in clock time and its unscaled durations for the response metrics.</summary>
internal sealed record Admission
{
    public required ServiceBinding Binding { get; init; }

    public required long RequestId { get; init; }

    /// <summary>Server start the request belongs to: if the server restarts meanwhile, the request is lost.</summary>
    public required DateTimeOffset ServerUpSince { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset DecodeStartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Clock time between two generated tokens.</summary>
    public required TimeSpan PerToken { get; init; }

    public required int PromptTokens { get; init; }

    public required int OutputTokens { get; init; }

    /// <summary>Simulated seconds spent waiting for the model to load (0 when warm).</summary>
    public required double LoadSeconds { get; init; }

    /// <summary>Simulated seconds of prompt processing (or the whole embedding/transcription).</summary>
    public required double PromptSeconds { get; init; }

    /// <summary>Simulated seconds of token generation.</summary>
    public required double GenerationSeconds { get; init; }

    public double TotalSeconds => LoadSeconds + PromptSeconds + GenerationSeconds;

    /// <summary>When token <paramref name="index"/> (0-based) is ready.</summary>
    public DateTimeOffset TokenAt(int index) => DecodeStartsAt + (PerToken * (index + 1));
}

/// <summary>A copy of one service's state at a moment, safe to read outside the lock.</summary>
internal sealed record ServiceSnapshot
{
    public required ServiceBinding Binding { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required DateTimeOffset SeededAt { get; init; }

    public DateTimeOffset? UpSince { get; init; }

    public string? Failure { get; init; }

    public required IReadOnlyList<ModelRuntime> Models { get; init; }

    public required IReadOnlyList<RequestRuntime> Requests { get; init; }

    /// <summary>Prometheus counters per model.</summary>
    public required IReadOnlyDictionary<string, ServiceCounters> Counters { get; init; }

    public ServiceCounters CountersOf(string model) => Counters.GetValueOrDefault(model) ?? new ServiceCounters();

    public bool IsUp => UpSince is not null;

    /// <summary>True when every model of the service has finished loading.</summary>
    public bool AllReady => Models.All(m => m.ReadyAt <= Now);
}
