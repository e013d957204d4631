using System.Text.Json;

namespace PveAgent.Core.Execution.Wire;

// Wire shapes of the OpenAI-compatible API as vLLM, llama.cpp and Ollama's /v1 speak it; only the fields PveAgent uses.

internal sealed class OpenAiMessageDto
{
    public required string Role { get; init; }

    public required string Content { get; init; }
}

internal sealed class OpenAiStreamOptionsDto
{
    public bool IncludeUsage { get; init; }
}

internal sealed class OpenAiChatRequestDto
{
    public string? Model { get; init; }

    public required List<OpenAiMessageDto> Messages { get; init; }

    public bool Stream { get; init; }

    public int? MaxTokens { get; init; }

    public OpenAiStreamOptionsDto? StreamOptions { get; init; }
}

internal sealed class OpenAiCompletionRequestDto
{
    public string? Model { get; init; }

    public required string Prompt { get; init; }

    public bool Stream { get; init; }

    public int? MaxTokens { get; init; }

    public OpenAiStreamOptionsDto? StreamOptions { get; init; }
}

internal sealed class OpenAiEmbeddingsRequestDto
{
    public string? Model { get; init; }

    public required List<string> Input { get; init; }
}

/// <summary>A streamed chunk or a whole completion: <c>choices[].delta</c> when streamed, <c>choices[].message</c> or <c>text</c> otherwise.</summary>
internal sealed class OpenAiCompletionDto
{
    public string? Model { get; init; }

    public string? Object { get; init; }

    public List<OpenAiChoiceDto>? Choices { get; init; }

    public OpenAiUsageDto? Usage { get; init; }

    /// <summary>llama.cpp's own timings (milliseconds).</summary>
    public LlamaCppTimingsDto? Timings { get; init; }

    /// <summary>An error reported inside a stream or body: an object (<c>{message, type, code}</c>) or a string.</summary>
    public JsonElement? Error { get; init; }

    /// <summary>vLLM's older flat error shape puts the text here, with <c>object: "error"</c>.</summary>
    public string? Message { get; init; }
}

internal sealed class OpenAiChoiceDto
{
    public OpenAiDeltaDto? Delta { get; init; }

    public OpenAiDeltaDto? Message { get; init; }

    public string? Text { get; init; }

    public string? FinishReason { get; init; }
}

internal sealed class OpenAiDeltaDto
{
    public string? Content { get; init; }
}

internal sealed class OpenAiUsageDto
{
    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }
}

internal sealed class LlamaCppTimingsDto
{
    public double? PromptMs { get; init; }

    public double? PredictedMs { get; init; }
}

internal sealed class OpenAiEmbeddingsResponseDto
{
    public string? Model { get; init; }

    public List<OpenAiEmbeddingDto>? Data { get; init; }

    public OpenAiUsageDto? Usage { get; init; }
}

internal sealed class OpenAiEmbeddingDto
{
    public int? Index { get; init; }

    public float[]? Embedding { get; init; }
}

internal sealed class TranscriptionDto
{
    public string? Text { get; init; }
}
