using System.Text.Json;

namespace PveAgent.Core.Telemetry;

/// <summary>Extracts the message from the error bodies inference servers send.</summary>
internal static class ServiceErrorBody
{
    /// <summary>
    /// The message of <c>{"error":"…"}</c> (Ollama), <c>{"error":{"message":…}}</c> (OpenAI style, llama.cpp, newer vLLM),
    /// <c>{"object":"error","message":…}</c> (older vLLM) or <c>{"detail":…}</c> (FastAPI); null when the body is none of these.
    /// </summary>
    public static string? Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                {
                    return nested.GetString();
                }
            }

            foreach (var name in (string[])["message", "detail"])
            {
                if (root.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
