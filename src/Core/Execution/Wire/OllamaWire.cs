namespace PveAgent.Core.Execution.Wire;

// Wire shapes of Ollama's native /api/chat, /api/generate and /api/embed (api/types.go); only the fields PveAgent uses.

internal sealed class OllamaMessageDto
{
    public string? Role { get; init; }

    public string? Content { get; init; }
}

internal sealed class OllamaOptionsDto
{
    public int? NumPredict { get; init; }
}

internal sealed class OllamaChatRequestDto
{
    public required string Model { get; init; }

    public required List<OllamaMessageDto> Messages { get; init; }

    public bool Stream { get; init; }

    public OllamaOptionsDto? Options { get; init; }
}

internal sealed class OllamaGenerateRequestDto
{
    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public string? System { get; init; }

    public bool Stream { get; init; }

    public OllamaOptionsDto? Options { get; init; }
}

internal sealed class OllamaEmbedRequestDto
{
    public required string Model { get; init; }

    public required List<string> Input { get; init; }
}

/// <summary>One NDJSON line of /api/chat or /api/generate (durations in nanoseconds), or <c>{"error": "…"}</c>.</summary>
internal sealed class OllamaChunkDto
{
    public string? Model { get; init; }

    public OllamaMessageDto? Message { get; init; }

    public string? Response { get; init; }

    public bool? Done { get; init; }

    public string? DoneReason { get; init; }

    public long? TotalDuration { get; init; }

    public long? LoadDuration { get; init; }

    public int? PromptEvalCount { get; init; }

    public long? PromptEvalDuration { get; init; }

    public int? EvalCount { get; init; }

    public long? EvalDuration { get; init; }

    public string? Error { get; init; }
}

internal sealed class OllamaEmbedResponseDto
{
    public string? Model { get; init; }

    public List<float[]>? Embeddings { get; init; }

    public long? TotalDuration { get; init; }

    public long? LoadDuration { get; init; }

    public int? PromptEvalCount { get; init; }

    public string? Error { get; init; }
}
