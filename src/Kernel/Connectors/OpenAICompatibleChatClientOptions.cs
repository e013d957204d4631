namespace PveAgent.Kernel.Connectors;

/// <summary>Settings of <see cref="OpenAICompatibleChatClient"/>.</summary>
public sealed class OpenAICompatibleChatClientOptions
{
    /// <summary>The server's OpenAI base URL, including <c>/v1</c>; default <c>http://localhost:8000/v1</c> (vLLM's default port).</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:8000/v1");

    /// <summary>The model id used when <c>ChatOptions.ModelId</c> is not set (vLLM: the served model name).</summary>
    public string? DefaultModel { get; set; }

    /// <summary>The API key, when the server was started with one; null sends a placeholder that local servers ignore.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take, model loading included; default 5 minutes. The HttpClient's own timeout also applies.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
