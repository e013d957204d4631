namespace PveAgent.Kernel.Connectors;

/// <summary>What went wrong talking to an LLM server, so callers can react without parsing messages.</summary>
public enum LlmErrorKind
{
    /// <summary>Nothing answers at the endpoint (connection refused, host unknown, network down).</summary>
    Unreachable,

    /// <summary>The server does not have the requested model (Ollama: not pulled; vLLM: not served).</summary>
    ModelNotFound,

    /// <summary>The model cannot do tool calling (its template has no tool support).</summary>
    ToolsNotSupported,

    /// <summary>The server is not started with what tool calling needs (vLLM without <c>--enable-auto-tool-choice</c>).</summary>
    ServerMisconfigured,

    /// <summary>The conversation does not fit in the model's context window.</summary>
    ContextTooLong,

    /// <summary>The server is busy or not ready yet (queue full, rate limited, model loading): retry later.</summary>
    Unavailable,

    /// <summary>The server refused the credentials (API key).</summary>
    AuthenticationFailed,

    /// <summary>The server rejected the request for another reason (HTTP 4xx).</summary>
    InvalidRequest,

    /// <summary>The server failed (HTTP 5xx).</summary>
    ServerError,

    /// <summary>The server started answering and then failed or the connection dropped mid-stream.</summary>
    StreamInterrupted,

    /// <summary>The server's answer could not be read.</summary>
    InvalidResponse,

    /// <summary>The server did not answer in time.</summary>
    Timeout,
}
