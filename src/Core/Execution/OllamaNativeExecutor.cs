using System.Text.Json;
using PveAgent.Core.Execution.Wire;

namespace PveAgent.Core.Execution;

/// <summary>
/// Ollama's native API: <c>/api/chat</c> and <c>/api/generate</c> streamed as NDJSON (one JSON object a line, the last
/// with <c>done: true</c> and the metrics in nanoseconds), and <c>/api/embed</c>.
/// </summary>
/// <param name="http">Client for the requests; its own timeout should be infinite (the executor applies <see cref="InferenceExecutorOptions.Timeout"/>).</param>
/// <param name="timeProvider">Clock for the timeout and the measured timings; the system clock when null.</param>
/// <param name="options">Limits; defaults when null.</param>
public sealed class OllamaNativeExecutor(HttpClient http, TimeProvider? timeProvider = null, InferenceExecutorOptions? options = null) : IInferenceExecutor
{
    private const string Server = "Ollama";

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly InferenceExecutorOptions _options = options ?? new InferenceExecutorOptions();

    /// <inheritdoc />
    public string Protocol => "Ollama";

    /// <inheritdoc />
    public bool Supports(InferenceOperation operation) => operation is InferenceOperation.Chat or InferenceOperation.Completion or InferenceOperation.Embeddings;

    /// <inheritdoc />
    public Task<InferenceResult> ExecuteAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("Ollama needs a model name (as `ollama list` shows it, e.g. llama3.2:3b).", nameof(request));
        }

        return request.Operation switch
        {
            InferenceOperation.Chat or InferenceOperation.Completion => GenerateAsync(request, request.Model, onOutput, cancellationToken),
            InferenceOperation.Embeddings => EmbedAsync(request, request.Model, onOutput, cancellationToken),
            _ => throw new ArgumentException($"Ollama has no {request.Operation} endpoint; use a whisper server for speech to text.", nameof(request)),
        };
    }

    private async Task<InferenceResult> GenerateAsync(InferenceRequest request, string model, Func<string, CancellationToken, ValueTask>? onOutput, CancellationToken cancellationToken)
    {
        var chat = request.Operation == InferenceOperation.Chat;
        var endpoint = Endpoints.Resolve(request.BaseUrl, chat ? "api/chat" : "api/generate");
        var options = request.MaxTokens is { } max ? new OllamaOptionsDto { NumPredict = max } : null;
        var content = chat
            ? InferenceCall.Json(new OllamaChatRequestDto
            {
                Model = model,
                Messages = request.SystemPrompt is { Length: > 0 } system
                    ? [new OllamaMessageDto { Role = "system", Content = system }, new OllamaMessageDto { Role = "user", Content = request.Prompt }]
                    : [new OllamaMessageDto { Role = "user", Content = request.Prompt }],
                Stream = true,
                Options = options,
            }, InferenceJsonContext.Default.OllamaChatRequestDto)
            : InferenceCall.Json(new OllamaGenerateRequestDto
            {
                Model = model,
                Prompt = request.Prompt,
                System = request.SystemPrompt,
                Stream = true,
                Options = options,
            }, InferenceJsonContext.Default.OllamaGenerateRequestDto);

        using var call = new InferenceCall(_http, _time, _options.Timeout, Server, endpoint, onOutput, cancellationToken);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            using var response = await call.SendAsync(message).ConfigureAwait(false);
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                // Not streamed after all (an older server, or a proxy that buffers): one whole answer.
                var whole = call.Parse(await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false), InferenceJsonContext.Default.OllamaChunkDto);
                return await AbsorbAsync(call, whole).ConfigureAwait(false) ?? throw call.EndedEarly();
            }

            var body = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await foreach (var line in ServerSentEvents.ReadLinesAsync(body, call.Token).ConfigureAwait(false))
                {
                    if (!string.IsNullOrWhiteSpace(line) && await AbsorbAsync(call, call.Parse(line, InferenceJsonContext.Default.OllamaChunkDto)).ConfigureAwait(false) is { } result)
                    {
                        return result;
                    }
                }
            }

            throw call.EndedEarly();
        }
        catch (Exception error) when (call.Translate(error) is var mapped && !ReferenceEquals(mapped, error))
        {
            throw mapped;
        }
    }

    private async Task<InferenceResult> EmbedAsync(InferenceRequest request, string model, Func<string, CancellationToken, ValueTask>? onOutput, CancellationToken cancellationToken)
    {
        var endpoint = Endpoints.Resolve(request.BaseUrl, "api/embed");
        var content = InferenceCall.Json(new OllamaEmbedRequestDto { Model = model, Input = [request.Prompt] }, InferenceJsonContext.Default.OllamaEmbedRequestDto);
        using var call = new InferenceCall(_http, _time, _options.Timeout, Server, endpoint, onOutput, cancellationToken);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            using var response = await call.SendAsync(message).ConfigureAwait(false);
            var answer = call.Parse(await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false), InferenceJsonContext.Default.OllamaEmbedResponseDto);
            if (answer.Error is { } error)
            {
                throw call.Rejected(null, error);
            }

            IReadOnlyList<IReadOnlyList<float>> vectors = [.. (answer.Embeddings ?? []).Select(v => (IReadOnlyList<float>)v)];
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
                Usage = Usage(answer.PromptEvalCount, null, answer.TotalDuration, answer.LoadDuration, null, null),
                Elapsed = call.Elapsed,
                TimeToFirstOutput = call.FirstOutput,
            };
        }
        catch (Exception error) when (call.Translate(error) is var mapped && !ReferenceEquals(mapped, error))
        {
            throw mapped;
        }
    }

    /// <summary>Delivers a chunk's text; returns the result when it is the last chunk (<c>done: true</c>).</summary>
    private static async Task<InferenceResult?> AbsorbAsync(InferenceCall call, OllamaChunkDto chunk)
    {
        if (chunk.Error is { } error)
        {
            // Ollama reports a failure after the 200 as a last line {"error": "…"}.
            throw call.Rejected(null, error);
        }

        await call.EmitAsync(chunk.Message?.Content ?? chunk.Response ?? "").ConfigureAwait(false);
        return chunk.Done != true
            ? null
            : new InferenceResult
            {
                Text = call.Text,
                Model = chunk.Model,
                FinishReason = chunk.DoneReason,
                Usage = Usage(chunk.PromptEvalCount, chunk.EvalCount, chunk.TotalDuration, chunk.LoadDuration, chunk.PromptEvalDuration, chunk.EvalDuration),
                Elapsed = call.Elapsed,
                TimeToFirstOutput = call.FirstOutput,
            };
    }

    private static InferenceUsage? Usage(int? promptTokens, int? completionTokens, long? total, long? load, long? prompt, long? generation) =>
        promptTokens is null && completionTokens is null && total is null
            ? null
            : new InferenceUsage
            {
                PromptTokens = promptTokens,
                CompletionTokens = completionTokens,
                ServerTotal = Nanoseconds(total),
                Load = Nanoseconds(load),
                PromptProcessing = Nanoseconds(prompt),
                Generation = Nanoseconds(generation),
            };

    private static TimeSpan? Nanoseconds(long? value) => value is { } ns ? TimeSpan.FromTicks(ns / 100) : null;
}
