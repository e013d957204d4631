using System.Net.Http.Headers;
using System.Text.Json;
using PveAgent.Core.Execution.Wire;

namespace PveAgent.Core.Execution;

/// <summary>
/// The OpenAI-compatible API of vLLM, llama.cpp's llama-server and Ollama's <c>/v1</c>: streamed
/// <c>/v1/chat/completions</c> and <c>/v1/completions</c> (server-sent events ending in <c>[DONE]</c>) and
/// <c>/v1/embeddings</c>.
/// </summary>
/// <param name="http">Client for the requests; its own timeout should be infinite (the executor applies <see cref="InferenceExecutorOptions.Timeout"/>).</param>
/// <param name="timeProvider">Clock for the timeout and the measured timings; the system clock when null.</param>
/// <param name="options">Limits; defaults when null.</param>
public sealed class OpenAICompatibleExecutor(HttpClient http, TimeProvider? timeProvider = null, InferenceExecutorOptions? options = null) : IInferenceExecutor
{
    private const string Server = "the OpenAI-compatible server";

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly InferenceExecutorOptions _options = options ?? new InferenceExecutorOptions();

    /// <inheritdoc />
    public string Protocol => "OpenAI-compatible";

    /// <inheritdoc />
    public bool Supports(InferenceOperation operation) => operation is InferenceOperation.Chat or InferenceOperation.Completion or InferenceOperation.Embeddings;

    /// <inheritdoc />
    public Task<InferenceResult> ExecuteAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Operation switch
        {
            InferenceOperation.Chat or InferenceOperation.Completion => GenerateAsync(request, onOutput, cancellationToken),
            InferenceOperation.Embeddings => EmbedAsync(request, onOutput, cancellationToken),
            _ => throw new ArgumentException($"The OpenAI-compatible executor does not do {request.Operation}; use {nameof(AudioTranscriptionExecutor)} for speech to text.", nameof(request)),
        };
    }

    private async Task<InferenceResult> GenerateAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput, CancellationToken cancellationToken)
    {
        var chat = request.Operation == InferenceOperation.Chat;
        var endpoint = Endpoints.Resolve(request.BaseUrl, chat ? "v1/chat/completions" : "v1/completions");
        var streamOptions = new OpenAiStreamOptionsDto { IncludeUsage = true };
        var content = chat
            ? InferenceCall.Json(new OpenAiChatRequestDto
            {
                Model = request.Model,
                Messages = Messages(request),
                Stream = true,
                MaxTokens = request.MaxTokens,
                StreamOptions = streamOptions,
            }, InferenceJsonContext.Default.OpenAiChatRequestDto)
            : InferenceCall.Json(new OpenAiCompletionRequestDto
            {
                Model = request.Model,
                Prompt = request.SystemPrompt is { Length: > 0 } system ? $"{system}\n\n{request.Prompt}" : request.Prompt,
                Stream = true,
                MaxTokens = request.MaxTokens,
                StreamOptions = streamOptions,
            }, InferenceJsonContext.Default.OpenAiCompletionRequestDto);

        using var call = new InferenceCall(_http, _time, _options.Timeout, Server, endpoint, onOutput, cancellationToken);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await call.SendAsync(message).ConfigureAwait(false);
            var state = new StreamState();
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                // A server that ignores "stream": one whole completion.
                var whole = call.Parse(await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false), InferenceJsonContext.Default.OpenAiCompletionDto);
                await AbsorbAsync(call, whole, state).ConfigureAwait(false);
                return Result(call, state);
            }

            var body = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await foreach (var item in ServerSentEvents.ReadAsync(body, call.Token).ConfigureAwait(false))
                {
                    if (item.IsError)
                    {
                        throw call.Rejected(null, InferenceCall.ErrorText(item.Data));
                    }

                    if (item.Data.Trim() == "[DONE]")
                    {
                        return Result(call, state);
                    }

                    await AbsorbAsync(call, call.Parse(item.Data, InferenceJsonContext.Default.OpenAiCompletionDto), state).ConfigureAwait(false);
                }
            }

            throw call.EndedEarly();
        }
        catch (Exception error) when (call.Translate(error) is var mapped && !ReferenceEquals(mapped, error))
        {
            throw mapped;
        }
    }

    private async Task<InferenceResult> EmbedAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput, CancellationToken cancellationToken)
    {
        var endpoint = Endpoints.Resolve(request.BaseUrl, "v1/embeddings");
        var content = InferenceCall.Json(new OpenAiEmbeddingsRequestDto { Model = request.Model, Input = [request.Prompt] }, InferenceJsonContext.Default.OpenAiEmbeddingsRequestDto);
        using var call = new InferenceCall(_http, _time, _options.Timeout, Server, endpoint, onOutput, cancellationToken);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            using var response = await call.SendAsync(message).ConfigureAwait(false);
            var answer = call.Parse(await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false), InferenceJsonContext.Default.OpenAiEmbeddingsResponseDto);
            IReadOnlyList<IReadOnlyList<float>> vectors = [.. (answer.Data ?? []).OrderBy(d => d.Index ?? 0).Select(d => (IReadOnlyList<float>)(d.Embedding ?? []))];
            if (vectors.Count == 0)
            {
                throw call.Rejected(null, "the answer holds no embedding");
            }

            await call.EmitAsync(JsonSerializer.Serialize(vectors, InferenceJsonContext.Default.IReadOnlyListIReadOnlyListSingle)).ConfigureAwait(false);
            return new InferenceResult
            {
                Text = call.Text,
                Model = answer.Model,
                Embeddings = vectors,
                Usage = answer.Usage is { } usage ? new InferenceUsage { PromptTokens = usage.PromptTokens } : null,
                Elapsed = call.Elapsed,
                TimeToFirstOutput = call.FirstOutput,
            };
        }
        catch (Exception error) when (call.Translate(error) is var mapped && !ReferenceEquals(mapped, error))
        {
            throw mapped;
        }
    }

    private static List<OpenAiMessageDto> Messages(InferenceRequest request) =>
        request.SystemPrompt is { Length: > 0 } system
            ? [new OpenAiMessageDto { Role = "system", Content = system }, new OpenAiMessageDto { Role = "user", Content = request.Prompt }]
            : [new OpenAiMessageDto { Role = "user", Content = request.Prompt }];

    private static async Task AbsorbAsync(InferenceCall call, OpenAiCompletionDto chunk, StreamState state)
    {
        if (chunk.Error is { } error)
        {
            throw call.Rejected(null, InferenceCall.ErrorText(error) ?? error.GetRawText());
        }

        if (chunk.Object == "error")
        {
            throw call.Rejected(null, chunk.Message);
        }

        state.Model ??= chunk.Model;
        state.Usage = chunk.Usage ?? state.Usage;
        state.Timings = chunk.Timings ?? state.Timings;
        foreach (var choice in chunk.Choices ?? [])
        {
            await call.EmitAsync(choice.Delta?.Content ?? choice.Message?.Content ?? choice.Text ?? "").ConfigureAwait(false);
            state.FinishReason = choice.FinishReason ?? state.FinishReason;
        }
    }

    private static InferenceResult Result(InferenceCall call, StreamState state) => new()
    {
        Text = call.Text,
        Model = state.Model,
        FinishReason = state.FinishReason,
        Usage = state.Usage is null && state.Timings is null
            ? null
            : new InferenceUsage
            {
                PromptTokens = state.Usage?.PromptTokens,
                CompletionTokens = state.Usage?.CompletionTokens,
                PromptProcessing = state.Timings?.PromptMs is { } prompt ? TimeSpan.FromMilliseconds(prompt) : null,
                Generation = state.Timings?.PredictedMs is { } predicted ? TimeSpan.FromMilliseconds(predicted) : null,
            },
        Elapsed = call.Elapsed,
        TimeToFirstOutput = call.FirstOutput,
    };

    /// <summary>What the chunks of one stream said besides the text.</summary>
    private sealed class StreamState
    {
        public string? Model { get; set; }

        public string? FinishReason { get; set; }

        public OpenAiUsageDto? Usage { get; set; }

        public LlamaCppTimingsDto? Timings { get; set; }
    }
}
