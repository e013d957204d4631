namespace PveAgent.Kernel.Configuration;

/// <summary>
/// The LLM the planner uses, resolved from CLI flags, environment variables, cluster.yaml and defaults (in that order),
/// with where each value came from. The API key never appears in <see cref="ToString"/>.
/// </summary>
public sealed record AgentSettings
{
    /// <summary>
    /// The default Ollama model: Qwen 2.5 7B was trained for tool calling, Ollama ships its tool template, and at 4.7 GB
    /// (Q4_K_M) it runs on an 8 GB GPU or a CPU; smaller models (3B and below) call tools far less reliably.
    /// </summary>
    public const string DefaultOllamaModel = "qwen2.5:7b";

    /// <summary>Model round trips per request when nothing else is configured.</summary>
    public const int DefaultMaxRounds = 6;

    /// <summary>The most round trips a request may be allowed.</summary>
    public const int MaxRoundsLimit = 20;

    /// <summary>
    /// The context window asked of Ollama when none is configured: the tool catalog, the prompt and a few tool results
    /// need about 6,000 tokens, more than Ollama's default window of 2,048–4,096.
    /// </summary>
    public const int DefaultOllamaContextLength = 8192;

    /// <summary>The environment variable read for the API key when <c>api_key_env</c> is not set.</summary>
    public const string DefaultApiKeyVariable = "PVEAGENT_LLM_API_KEY";

    /// <summary>Ollama's default address.</summary>
    public static Uri DefaultOllamaUrl { get; } = new("http://localhost:11434");

    /// <summary>vLLM's default address (the OpenAI-compatible default).</summary>
    public static Uri DefaultOpenAIUrl { get; } = new("http://localhost:8000/v1");

    /// <summary>The kind of server.</summary>
    public required LlmProvider Provider { get; init; }

    /// <summary>The model name.</summary>
    public required string Model { get; init; }

    /// <summary>The server's base URL.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The API key, when one is configured (sent as a Bearer token to OpenAI-compatible servers).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The environment variable the key was read from (for messages; never the key).</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>Model round trips allowed per request.</summary>
    public int MaxRounds { get; init; } = DefaultMaxRounds;

    /// <summary>The context window asked of Ollama (<c>num_ctx</c>); ignored by OpenAI-compatible servers, which fix it at start.</summary>
    public int? ContextLength { get; init; }

    /// <summary>How long one model request may take, model loading included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where each value came from, e.g. <c>model: --llm-model</c>, <c>url: default</c>.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>"ollama qwen2.5:7b at http://localhost:11434" — the key is never shown.</summary>
    public override string ToString() =>
        $"{LlmProviderNames.Name(Provider)} {Model} at {Endpoint.ToString().TrimEnd('/')}{(ApiKey is null ? "" : $" (API key from ${ApiKeyVariable})")}";
}
