using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>What probing one inference service found; every figure is null where the server does not report it.</summary>
public sealed record ServiceProbeResult
{
    /// <summary>Protocol of the service.</summary>
    public required ServiceKind Kind { get; init; }

    /// <summary>Base URL probed.</summary>
    public required Uri Url { get; init; }

    /// <summary>Node name, when probed from the registry.</summary>
    public string? Node { get; init; }

    /// <summary>Service name (the key under <c>services:</c>), when probed from the registry.</summary>
    public string? Service { get; init; }

    /// <summary>True when the server answered at least one request.</summary>
    public bool Reachable { get; init; }

    /// <summary>True when the server says it accepts requests, false while it loads, null when it has no such signal.</summary>
    public bool? Ready { get; init; }

    /// <summary>Server version, when reported.</summary>
    public string? Version { get; init; }

    /// <summary>Models resident in memory (the warm signal).</summary>
    public IReadOnlyList<ProbedModel> Loaded { get; init; } = [];

    /// <summary>Models the server can serve or load.</summary>
    public IReadOnlyList<string> Available { get; init; } = [];

    /// <summary>Requests in progress (vLLM <c>num_requests_running</c>, llama.cpp busy slots).</summary>
    public double? RequestsRunning { get; init; }

    /// <summary>Requests queued (vLLM <c>num_requests_waiting</c>, llama.cpp deferred).</summary>
    public double? RequestsWaiting { get; init; }

    /// <summary>KV-cache usage, 0–1.</summary>
    public double? KvCacheUsage { get; init; }

    /// <summary>Parallel request slots (llama.cpp), when reported.</summary>
    public int? Slots { get; init; }

    /// <summary>Why the service could not be probed (unreachable, timeout, error answer), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Parts of the probe that failed without making the service unusable (e.g. metrics disabled).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
