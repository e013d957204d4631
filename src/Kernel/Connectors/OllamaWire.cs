using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Kernel.Connectors;

// Wire shapes of Ollama's native API (api/types.go, NOTES §1). Internal: only the connector speaks them.

/// <summary>POST /api/chat request.</summary>
internal sealed record OllamaChatRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("messages")] public required IReadOnlyList<OllamaMessage> Messages { get; init; }

    [JsonPropertyName("tools")] public IReadOnlyList<OllamaTool>? Tools { get; init; }

    [JsonPropertyName("stream")] public bool Stream { get; init; }

    /// <summary><c>"json"</c> or a JSON schema.</summary>
    [JsonPropertyName("format")] public JsonElement? Format { get; init; }

    [JsonPropertyName("options")] public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    /// <summary>A duration string (<c>"5m"</c>) or a number of seconds (negative keeps the model loaded).</summary>
    [JsonPropertyName("keep_alive")] public JsonElement? KeepAlive { get; init; }

    [JsonPropertyName("think")] public JsonElement? Think { get; init; }
}

/// <summary>A chat message, in requests and responses.</summary>
internal sealed record OllamaMessage
{
    [JsonPropertyName("role")] public string Role { get; init; } = "assistant";

    /// <summary>Always sent, possibly empty: Ollama's Go struct has no omitempty on content.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    [JsonPropertyName("thinking")] public string? Thinking { get; init; }

    [JsonPropertyName("images")] public IReadOnlyList<string>? Images { get; init; }

    [JsonPropertyName("tool_calls")] public IReadOnlyList<OllamaToolCall>? ToolCalls { get; init; }

    [JsonPropertyName("tool_name")] public string? ToolName { get; init; }

    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; init; }
}

/// <summary>A tool call: <c>{"id"?, "function": {"index"?, "name", "arguments": {…}}}</c>.</summary>
internal sealed record OllamaToolCall
{
    [JsonPropertyName("id")] public string? Id { get; init; }

    [JsonPropertyName("function")] public OllamaFunctionCall? Function { get; init; }
}

/// <summary>The function part of a tool call; <c>arguments</c> is a JSON object, never a string.</summary>
internal sealed record OllamaFunctionCall
{
    [JsonPropertyName("index")] public int? Index { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("arguments")] public JsonElement? Arguments { get; init; }
}

/// <summary>A tool definition.</summary>
internal sealed record OllamaTool
{
    [JsonPropertyName("type")] public string Type { get; init; } = "function";

    [JsonPropertyName("function")] public required OllamaFunctionDefinition Function { get; init; }
}

/// <summary>A function definition: name, description and the JSON schema of its parameters.</summary>
internal sealed record OllamaFunctionDefinition
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    [JsonPropertyName("parameters")] public required JsonElement Parameters { get; init; }
}

/// <summary>A /api/chat response or NDJSON stream line; durations are nanoseconds, metrics absent when zero.</summary>
internal sealed record OllamaChatResponse
{
    [JsonPropertyName("model")] public string? Model { get; init; }

    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }

    [JsonPropertyName("message")] public OllamaMessage? Message { get; init; }

    [JsonPropertyName("done")] public bool Done { get; init; }

    [JsonPropertyName("done_reason")] public string? DoneReason { get; init; }

    [JsonPropertyName("total_duration")] public long? TotalDuration { get; init; }

    [JsonPropertyName("load_duration")] public long? LoadDuration { get; init; }

    [JsonPropertyName("prompt_eval_count")] public int? PromptEvalCount { get; init; }

    [JsonPropertyName("prompt_eval_duration")] public long? PromptEvalDuration { get; init; }

    [JsonPropertyName("eval_count")] public int? EvalCount { get; init; }

    [JsonPropertyName("eval_duration")] public long? EvalDuration { get; init; }

    /// <summary>Set on an error body, and on the last NDJSON line when a stream fails after HTTP 200.</summary>
    [JsonPropertyName("error")] public JsonElement? Error { get; init; }
}

/// <summary>An error body: <c>{"error": "…"}</c>.</summary>
internal sealed record OllamaErrorBody
{
    [JsonPropertyName("error")] public JsonElement? Error { get; init; }
}

/// <summary>GET /api/tags response.</summary>
internal sealed record OllamaTagsResponse
{
    [JsonPropertyName("models")] public IReadOnlyList<OllamaTagModel>? Models { get; init; }
}

/// <summary>One installed model in /api/tags.</summary>
internal sealed record OllamaTagModel
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("model")] public string? Model { get; init; }

    [JsonPropertyName("size")] public long? Size { get; init; }

    [JsonPropertyName("digest")] public string? Digest { get; init; }

    [JsonPropertyName("details")] public OllamaModelDetails? Details { get; init; }

    [JsonPropertyName("capabilities")] public IReadOnlyList<string>? Capabilities { get; init; }
}

/// <summary>The <c>details</c> object of /api/tags and /api/show.</summary>
internal sealed record OllamaModelDetails
{
    [JsonPropertyName("family")] public string? Family { get; init; }

    [JsonPropertyName("parameter_size")] public string? ParameterSize { get; init; }

    [JsonPropertyName("quantization_level")] public string? QuantizationLevel { get; init; }
}

/// <summary>POST /api/show request.</summary>
internal sealed record OllamaShowRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
}

/// <summary>POST /api/show response (the parts we read).</summary>
internal sealed record OllamaShowResponse
{
    [JsonPropertyName("capabilities")] public IReadOnlyList<string>? Capabilities { get; init; }

    [JsonPropertyName("details")] public OllamaModelDetails? Details { get; init; }

    [JsonPropertyName("model_info")] public IReadOnlyDictionary<string, JsonElement>? ModelInfo { get; init; }
}

/// <summary>Source-generated serialisation for the Ollama wire shapes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OllamaChatRequest))]
[JsonSerializable(typeof(OllamaChatResponse))]
[JsonSerializable(typeof(OllamaErrorBody))]
[JsonSerializable(typeof(OllamaTagsResponse))]
[JsonSerializable(typeof(OllamaShowRequest))]
[JsonSerializable(typeof(OllamaShowResponse))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
