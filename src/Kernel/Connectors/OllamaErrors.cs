using System.Net.Sockets;

namespace PveAgent.Kernel.Connectors;

/// <summary>Turns Ollama failures into <see cref="LlmException"/>s whose message says what to do (texts: errors_REAL_and_source.txt).</summary>
internal static class OllamaErrors
{
    /// <summary>Models known to call tools well on Ollama, named in the "does not support tools" advice.</summary>
    public const string ToolCapableModels = "qwen2.5, qwen3, llama3.1, llama3.2 or mistral-nemo";

    public static LlmException FromStatus(int status, string? body, Uri endpoint, string model)
    {
        var error = LlmErrorText.Read(body);
        var said = $"Ollama said: \"{error.Message}\"";
        var (kind, message) = status switch
        {
            _ when LlmErrorText.IsContextOverflow(error) => (LlmErrorKind.ContextTooLong,
                $"The conversation is too long for the context window of model '{model}' ({said}). Start a new conversation or shorten " +
                "the input, or give the model a larger context (ContextLength / num_ctx, or OLLAMA_CONTEXT_LENGTH on the server)."),
            404 or 400 when error.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
                && error.Message.Contains("model", StringComparison.OrdinalIgnoreCase) => (LlmErrorKind.ModelNotFound,
                $"Model '{model}' is not pulled on the Ollama server at {Show(endpoint)} — run `ollama pull {model}` ({said})."),
            400 when error.Message.Contains("does not support tools", StringComparison.OrdinalIgnoreCase) => (LlmErrorKind.ToolsNotSupported,
                $"Model '{model}' does not support tool calling ({said}). Use a tool-capable model such as {ToolCapableModels} " +
                "— e.g. `ollama pull qwen2.5` — and set it as the planner model."),
            503 or 429 => (LlmErrorKind.Unavailable,
                $"Ollama at {Show(endpoint)} is busy (HTTP {status}, {said}). Try again shortly; if it persists raise OLLAMA_MAX_QUEUE " +
                "or OLLAMA_NUM_PARALLEL on the server."),
            _ when error.Message.Contains("overloaded", StringComparison.OrdinalIgnoreCase)
                || error.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase) => (LlmErrorKind.Unavailable,
                $"Ollama at {Show(endpoint)} is overloaded (HTTP {status}, {said}). Try again shortly."),
            401 or 403 => (LlmErrorKind.AuthenticationFailed,
                $"Ollama at {Show(endpoint)} refused the request (HTTP {status}, {said}). A proxy in front of it may need credentials."),
            >= 500 => (LlmErrorKind.ServerError,
                $"Ollama at {Show(endpoint)} failed running model '{model}' (HTTP {status}, {said}). Check the server log " +
                "(`journalctl -u ollama`, or the desktop app's logs) — often the model does not fit in memory."),
            _ => (LlmErrorKind.InvalidRequest,
                $"Ollama rejected the request for model '{model}' (HTTP {status}, {said})."),
        };

        return new LlmException(kind, message) { StatusCode = status, ServerMessage = error.Message, Endpoint = endpoint, Model = model };
    }

    public static LlmException MidStream(LlmErrorText.ErrorInfo error, Uri endpoint, string model) =>
        new(LlmErrorKind.StreamInterrupted,
            $"Ollama stopped while model '{model}' was answering (Ollama said: \"{error.Message}\"). Try again; if it repeats, check " +
            "the server log — often the model ran out of memory.")
        {
            StatusCode = 200, ServerMessage = error.Message, Endpoint = endpoint, Model = model,
        };

    public static LlmException StreamCut(Uri endpoint, string model, Exception? cause) =>
        new(LlmErrorKind.StreamInterrupted,
            $"The connection to Ollama at {Show(endpoint)} ended before model '{model}' finished answering. Try again; check that the " +
            "server is still running.", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    public static LlmException Transport(HttpRequestException exception, Uri endpoint, string model)
    {
        var message = exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? $"Ollama is not running at {Show(endpoint)} — start it with `ollama serve` (or the desktop app)."
            : $"Cannot reach Ollama at {Show(endpoint)} ({exception.Message}). Check the address (the endpoint in cluster.yaml, " +
              "OLLAMA_HOST on the server) and that the host is up.";
        return new LlmException(LlmErrorKind.Unreachable, message, exception) { Endpoint = endpoint, Model = model };
    }

    public static LlmException Timeout(TimeSpan timeout, Uri endpoint, string model, Exception cause) =>
        new(LlmErrorKind.Timeout,
            $"Ollama at {Show(endpoint)} did not answer within {timeout.TotalSeconds:0} s (model '{model}' may still be loading). " +
            "Try again, or give the HttpClient a longer timeout.", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    public static LlmException Unreadable(string detail, Uri endpoint, string model, Exception? cause) =>
        new(LlmErrorKind.InvalidResponse,
            $"Ollama at {Show(endpoint)} sent an answer that could not be read ({detail}). Is that endpoint an Ollama server?", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    /// <summary>The endpoint as people write it: <c>http://localhost:11434</c>, no trailing slash.</summary>
    public static string Show(Uri endpoint) => endpoint.ToString().TrimEnd('/');
}
