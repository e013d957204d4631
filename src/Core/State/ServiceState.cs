using PveAgent.Core.Registry;

namespace PveAgent.Core.State;

/// <summary>An inference service as probed at snapshot time.</summary>
public sealed record ServiceState
{
    /// <summary>Node the service belongs to.</summary>
    public required string Node { get; init; }

    /// <summary>The service's registry entry.</summary>
    public required ServiceConfig Config { get; init; }

    /// <summary>Base URL probed.</summary>
    public required Uri Url { get; init; }

    /// <summary>True when the probe got an answer.</summary>
    public required bool Reachable { get; init; }

    /// <summary>Models resident in the server (the warm signal).</summary>
    public IReadOnlyList<LoadedModel> Loaded { get; init; } = [];

    /// <summary>Models the server can load (Ollama tags, llama.cpp router list); the registry's list when unknown.</summary>
    public IReadOnlyList<string> Available { get; init; } = [];

    /// <summary>Requests in progress (vLLM <c>num_requests_running</c>, llama.cpp busy slots), when reported.</summary>
    public double? RequestsRunning { get; init; }

    /// <summary>Requests waiting (vLLM <c>num_requests_waiting</c>), when reported.</summary>
    public double? RequestsWaiting { get; init; }

    /// <summary>KV-cache usage, 0–1, when reported.</summary>
    public double? KvCacheUsage { get; init; }

    /// <summary>Server version, when reported.</summary>
    public string? Version { get; init; }

    /// <summary>Why the probe failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Service kind.</summary>
    public ServiceKind Kind => Config.Kind;

    /// <summary>Service name.</summary>
    public string Name => Config.Name;

    /// <summary>True when <paramref name="model"/> is resident (case-insensitive, ignoring an Ollama <c>:latest</c> tag).</summary>
    public bool IsWarm(string model) => Loaded.Any(m => ModelNames.AreSame(m.Name, model));
}
