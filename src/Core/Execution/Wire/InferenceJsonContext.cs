using System.Text.Json.Serialization;

namespace PveAgent.Core.Execution.Wire;

/// <summary>Source-generated (reflection-free) JSON metadata for the inference wire shapes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OpenAiChatRequestDto))]
[JsonSerializable(typeof(OpenAiCompletionRequestDto))]
[JsonSerializable(typeof(OpenAiEmbeddingsRequestDto))]
[JsonSerializable(typeof(OpenAiCompletionDto))]
[JsonSerializable(typeof(OpenAiEmbeddingsResponseDto))]
[JsonSerializable(typeof(TranscriptionDto))]
[JsonSerializable(typeof(OllamaChatRequestDto))]
[JsonSerializable(typeof(OllamaGenerateRequestDto))]
[JsonSerializable(typeof(OllamaEmbedRequestDto))]
[JsonSerializable(typeof(OllamaChunkDto))]
[JsonSerializable(typeof(OllamaEmbedResponseDto))]
[JsonSerializable(typeof(IReadOnlyList<IReadOnlyList<float>>))]
internal sealed partial class InferenceJsonContext : JsonSerializerContext;
