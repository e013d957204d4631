using System.ClientModel;
using System.Net.Sockets;

namespace PveAgent.Kernel.Connectors;

/// <summary>Turns failures of OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, Ollama /v1) into <see cref="LlmException"/>s.</summary>
internal static class OpenAICompatibleErrors
{
    /// <summary>The tool-call parser to pass to vLLM per model family (vLLM docs/features/tool_calling.md, NOTES §2).</summary>
    public const string VllmParserAdvice =
        "hermes (Qwen2.5, QwQ, Hermes), llama3_json or pythonic (Llama 3.x), mistral (Mistral), qwen3_xml (Qwen3-Coder), openai (gpt-oss)";

    public static LlmException FromClientResult(ClientResultException exception, Uri endpoint, string model)
    {
        if (exception.Status == 0)
        {
            return Transport(exception, endpoint, model);
        }

        var status = exception.Status;
        var error = LlmErrorText.Read(exception.GetRawResponse()?.Content?.ToString());
        var ep = Show(endpoint);
        var said = $"server said: \"{error.Message}\"";
        var (kind, message) = status switch
        {
            _ when error.Message.Contains("--enable-auto-tool-choice", StringComparison.Ordinal)
                || error.Message.Contains("--tool-call-parser", StringComparison.Ordinal) => (LlmErrorKind.ServerMisconfigured,
                $"The vLLM server at {ep} is not started for tool calling ({said}). Restart it with `--enable-auto-tool-choice " +
                $"--tool-call-parser <parser>`, choosing the parser for the model family: {VllmParserAdvice}."),
            _ when LlmErrorText.IsContextOverflow(error) => (LlmErrorKind.ContextTooLong,
                $"The conversation is too long for the context window of model '{model}' at {ep} ({said}). Start a new conversation or " +
                "shorten the input, or start the server with a larger context (vLLM: --max-model-len; llama.cpp: --ctx-size)."),
            _ when error.Message.Contains("does not support tools", StringComparison.OrdinalIgnoreCase) => (LlmErrorKind.ToolsNotSupported,
                $"Model '{model}' at {ep} does not support tool calling ({said}). Use a tool-capable model such as " +
                $"{OllamaErrors.ToolCapableModels}."),
            401 or 403 => (LlmErrorKind.AuthenticationFailed,
                $"The server at {ep} refused the API key (HTTP {status}, {said}). Configure the key the server was started with " +
                "(vLLM and llama.cpp: --api-key)."),
            404 => (LlmErrorKind.ModelNotFound,
                $"The server at {ep} does not serve model '{model}' (HTTP 404, {said}). Ask it what it serves (GET {ep}/models) and use that id."),
            _ when error.Message.Contains("model", StringComparison.OrdinalIgnoreCase)
                && error.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => (LlmErrorKind.ModelNotFound,
                $"The server at {ep} does not serve model '{model}' (HTTP {status}, {said}). Ask it what it serves (GET {ep}/models) and use that id."),
            503 or 429 => (LlmErrorKind.Unavailable,
                $"The server at {ep} is not ready (HTTP {status}, {said}): it is still loading the model or is overloaded. Try again shortly."),
            >= 500 => (LlmErrorKind.ServerError,
                $"The server at {ep} failed running model '{model}' (HTTP {status}, {said}). Check its log."),
            _ => (LlmErrorKind.InvalidRequest,
                $"The server at {ep} rejected the request for model '{model}' (HTTP {status}, {said})."),
        };

        return new LlmException(kind, message, exception) { StatusCode = status, ServerMessage = error.Message, Endpoint = endpoint, Model = model };
    }

    public static LlmException MidStream(LlmErrorText.ErrorInfo error, Uri endpoint, string model) =>
        new(LlmErrorKind.StreamInterrupted,
            $"The server at {Show(endpoint)} stopped while model '{model}' was answering (server said: \"{error.Message}\"). Try again; " +
            "if it repeats, check the server log.")
        {
            StatusCode = 200, ServerMessage = error.Message, Endpoint = endpoint, Model = model,
        };

    public static LlmException StreamCut(Uri endpoint, string model, Exception cause) =>
        new(LlmErrorKind.StreamInterrupted,
            $"The connection to the server at {Show(endpoint)} ended before model '{model}' finished answering. Try again; check " +
            "that the server is still running.", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    public static LlmException Transport(Exception exception, Uri endpoint, string model)
    {
        var refused = exception.InnerException is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }
            || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
        var message = refused
            ? $"No inference server is answering at {Show(endpoint)} (connection refused). Start it (vLLM: `vllm serve <model>`; " +
              "llama.cpp: `llama-server -m <model.gguf>`) or correct the endpoint in cluster.yaml."
            : $"Cannot reach the inference server at {Show(endpoint)} ({exception.Message}). Check the endpoint in cluster.yaml and that the host is up.";
        return new LlmException(LlmErrorKind.Unreachable, message, exception) { Endpoint = endpoint, Model = model };
    }

    public static LlmException Timeout(TimeSpan timeout, Uri endpoint, string model, Exception cause) =>
        new(LlmErrorKind.Timeout,
            $"The server at {Show(endpoint)} did not answer within {timeout.TotalSeconds:0} s (model '{model}'). Try again, or raise NetworkTimeout.", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    public static LlmException Unreadable(Exception cause, Uri endpoint, string model) =>
        new(LlmErrorKind.InvalidResponse,
            $"The server at {Show(endpoint)} sent an answer the OpenAI client cannot read ({cause.Message.ReplaceLineEndings(" ")}). " +
            "Is it an OpenAI-compatible server, and is it up to date?", cause)
        {
            Endpoint = endpoint, Model = model,
        };

    private static string Show(Uri endpoint) => endpoint.ToString().TrimEnd('/');
}
