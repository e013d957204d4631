namespace PveAgent.Kernel.Configuration;

/// <summary>
/// The <c>agent:</c> section of cluster.yaml as written (null: not set there). Environment variables and CLI flags
/// override it; <see cref="AgentSettingsResolver"/> combines them with the defaults.
/// </summary>
public sealed record AgentConfig
{
    /// <summary>An empty section: every value comes from elsewhere.</summary>
    public static AgentConfig Empty { get; } = new();

    /// <summary><c>llm:</c> — the kind of server.</summary>
    public LlmProvider? Provider { get; init; }

    /// <summary><c>model:</c> — the model name (Ollama tag, or the id the OpenAI-compatible server serves).</summary>
    public string? Model { get; init; }

    /// <summary><c>url:</c> — the server's base URL (for <c>openai</c>, including <c>/v1</c>).</summary>
    public Uri? Url { get; init; }

    /// <summary><c>api_key_env:</c> — the name of the environment variable holding the API key (never the key itself).</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary><c>max_rounds:</c> — model round trips allowed per request (1–20).</summary>
    public int? MaxRounds { get; init; }

    /// <summary><c>context_length:</c> — the context window asked of Ollama (<c>num_ctx</c>), in tokens.</summary>
    public int? ContextLength { get; init; }

    /// <summary><c>timeout_seconds:</c> — how long one model request may take, model loading included.</summary>
    public int? TimeoutSeconds { get; init; }
}
