using System.Text.Json;

namespace PveAgent.Kernel.Connectors;

/// <summary>
/// Reads the error text out of the error bodies the servers send: Ollama <c>{"error":"…"}</c> (sometimes a llama.cpp error
/// serialised into that string), OpenAI-style <c>{"error":{"message","type","code"}}</c> with <c>code</c> a string, an
/// int or null, vLLM's older flat <c>{"object":"error","message",…}</c>, FastAPI's <c>{"detail":…}</c>, or plain text.
/// </summary>
internal static class LlmErrorText
{
    private const int MaxLength = 500;

    /// <summary>An error read from a body: the message and, when present, its type and code.</summary>
    public sealed record ErrorInfo(string Message, string? Type, string? Code);

    /// <summary>Extracts the error from a response body; falls back to the (shortened) body itself.</summary>
    public static ErrorInfo Read(string? body) =>
        string.IsNullOrWhiteSpace(body) ? new ErrorInfo("(empty response body)", null, null) : TryRead(body) ?? new ErrorInfo(Shorten(body), null, null);

    /// <summary>Extracts the error from an already parsed <c>error</c> value (a string or an object).</summary>
    public static ErrorInfo FromErrorValue(JsonElement error) =>
        error.ValueKind == JsonValueKind.String
            ? FromErrorString(error.GetString()!)
            : FromElement(error) ?? new ErrorInfo(Shorten(error.GetRawText()), null, null);

    /// <summary>True when the error says the prompt does not fit the model's context window.</summary>
    public static bool IsContextOverflow(ErrorInfo error)
    {
        var text = $"{error.Message} {error.Type} {error.Code}";
        return text.Contains("context length", StringComparison.OrdinalIgnoreCase)
            || text.Contains("context size", StringComparison.OrdinalIgnoreCase)
            || text.Contains("context window", StringComparison.OrdinalIgnoreCase)
            || text.Contains("exceed_context_size", StringComparison.OrdinalIgnoreCase)
            || text.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
            || text.Contains("maximum context", StringComparison.OrdinalIgnoreCase);
    }

    private static ErrorInfo? FromElement(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.String:
                return new ErrorInfo(Shorten(root.GetString()!), null, null);
            case JsonValueKind.Object:
                break;
            default:
                return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return FromErrorString(error.GetString()!);
            }

            if (error.ValueKind == JsonValueKind.Object)
            {
                return FromElement(error) is { } nested && nested.Message.Length > 0
                    ? nested
                    : new ErrorInfo(Shorten(error.GetRawText()), null, null);
            }
        }

        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            return new ErrorInfo(Shorten(message.GetString()!), Text(root, "type"), Text(root, "code"));
        }

        if (root.TryGetProperty("detail", out var detail))
        {
            return new ErrorInfo(Shorten(detail.ValueKind == JsonValueKind.String ? detail.GetString()! : detail.GetRawText()), null, null);
        }

        return null;
    }

    // Ollama wraps a llama.cpp runner error as a JSON string: {"error":"{\"error\":{\"code\":400,…}}"} (ollama#16800).
    private static ErrorInfo FromErrorString(string text) =>
        (text.TrimStart().StartsWith('{') ? TryRead(text) : null) ?? new ErrorInfo(Shorten(text), null, null);

    private static ErrorInfo? TryRead(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }
}
