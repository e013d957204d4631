using System.Net.Http.Headers;
using PveAgent.Core.Execution.Wire;

namespace PveAgent.Core.Execution;

/// <summary>
/// OpenAI-style speech to text (<c>POST /v1/audio/transcriptions</c>, multipart with <c>file</c>, <c>model</c> and
/// <c>response_format=json</c>), as faster-whisper servers and vLLM serving whisper models speak it.
/// </summary>
/// <param name="http">Client for the requests; its own timeout should be infinite (the executor applies <see cref="InferenceExecutorOptions.Timeout"/>).</param>
/// <param name="timeProvider">Clock for the timeout and the measured timings; the system clock when null.</param>
/// <param name="options">Limits; defaults when null.</param>
public sealed class AudioTranscriptionExecutor(HttpClient http, TimeProvider? timeProvider = null, InferenceExecutorOptions? options = null) : IInferenceExecutor
{
    /// <summary>Model name sent when the request names none (what OpenAI's API calls its whisper model; local servers map it).</summary>
    public const string DefaultModel = "whisper-1";

    private const string Server = "the speech-to-text server";

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly InferenceExecutorOptions _options = options ?? new InferenceExecutorOptions();

    /// <inheritdoc />
    public string Protocol => "OpenAI audio";

    /// <inheritdoc />
    public bool Supports(InferenceOperation operation) => operation == InferenceOperation.Transcription;

    /// <inheritdoc />
    public async Task<InferenceResult> ExecuteAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation != InferenceOperation.Transcription)
        {
            throw new ArgumentException($"The audio executor only transcribes; {request.Operation} goes to an OpenAI-compatible or Ollama executor.", nameof(request));
        }

        if (request.Audio.IsEmpty)
        {
            throw new ArgumentException("There is no audio to transcribe: pass the file's bytes in InferenceRequest.Audio.", nameof(request));
        }

        var endpoint = Endpoints.Resolve(request.BaseUrl, "v1/audio/transcriptions");
        using var call = new InferenceCall(_http, _time, _options.Timeout, Server, endpoint, onOutput, cancellationToken);
        try
        {
            using var form = new MultipartFormDataContent();
            var file = new ReadOnlyMemoryContent(request.Audio);
            file.Headers.ContentType = new MediaTypeHeaderValue(MediaType(request.AudioFileName));
            form.Add(file, "file", request.AudioFileName);
            form.Add(new StringContent(string.IsNullOrWhiteSpace(request.Model) ? DefaultModel : request.Model), "model");
            form.Add(new StringContent("json"), "response_format");
            if (request.Language is { Length: > 0 } language)
            {
                form.Add(new StringContent(language), "language");
            }

            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = form };
            using var response = await call.SendAsync(message).ConfigureAwait(false);
            var answer = call.Parse(await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false), InferenceJsonContext.Default.TranscriptionDto);
            if (answer.Text is null)
            {
                throw call.Rejected(null, "the answer has no \"text\"");
            }

            await call.EmitAsync(answer.Text).ConfigureAwait(false);
            return new InferenceResult { Text = answer.Text, Model = request.Model, Elapsed = call.Elapsed, TimeToFirstOutput = call.FirstOutput };
        }
        catch (Exception error) when (call.Translate(error) is var mapped && !ReferenceEquals(mapped, error))
        {
            throw mapped;
        }
    }

    private static string MediaType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".ogg" or ".oga" or ".opus" => "audio/ogg",
        ".flac" => "audio/flac",
        ".webm" => "audio/webm",
        _ => "application/octet-stream",
    };
}
