namespace PveAgent.Kernel.Connectors;

/// <summary>Settings of <see cref="OllamaChatClient"/>.</summary>
public sealed class OllamaChatClientOptions
{
    /// <summary>The Ollama server; default <c>http://localhost:11434</c>.</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:11434");

    /// <summary>The model used when <c>ChatOptions.ModelId</c> is not set (e.g. <c>qwen2.5:7b</c>).</summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// How long Ollama keeps the model loaded after a request; null leaves the server default (5 minutes),
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps it loaded, <see cref="TimeSpan.Zero"/> unloads it at once.
    /// </summary>
    public TimeSpan? KeepAlive { get; set; }

    /// <summary>Context window in tokens (<c>num_ctx</c>); null leaves the server default. Ollama's default is small for tool use.</summary>
    public int? ContextLength { get; set; }
}
