using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// An OpenAI-style speech-to-text server (faster-whisper / speaches): <c>POST /v1/audio/transcriptions</c> with a
/// multipart upload. There is no audio model: the transcript is plausible text seeded by the file's name and size,
/// but the time it takes follows <see cref="Core.Hardware.PerformanceModel.TranscriptionSeconds"/> for the audio's
/// real duration. The server answers whatever <c>model</c> is named (<c>whisper-1</c> included) with its own model.
/// </summary>
internal sealed class WhisperApi(InferenceWorld world)
{
    private const string Json = "application/json";

    /// <summary>Words spoken per second of audio in the generated transcript.</summary>
    private const double WordsPerSecond = 2.5;

    public async Task<SimResponse> HandleAsync(ServiceBinding binding, SimRequest request, SimulationContext context, CancellationToken cancellationToken)
    {
        var model = binding.Service.Models.Count > 0 ? binding.Service.Models[0] : "whisper-large-v3";
        switch (request.Method, request.Path)
        {
            case ("GET", "/health"):
                return new SimResponse { Status = 200, ContentType = "text/plain; charset=utf-8", Body = "OK"u8.ToArray() };
            case ("GET", "/v1/models"):
                return Models(binding, context);
            case ("POST", "/v1/audio/transcriptions" or "/v1/audio/translations"):
                break;
            default:
                return new SimResponse { Status = 404, ContentType = Json, Body = """{"detail":"Not Found"}"""u8.ToArray() };
        }

        var parts = MultipartForm.Parse(request.Body, request.ContentType ?? request.Headers.GetValueOrDefault("Content-Type"));
        if (parts is null)
        {
            return Error(400, "Expected a multipart/form-data body with a 'file' field (the audio) and a 'model' field.", null);
        }

        var file = parts.FirstOrDefault(p => p.Name == "file");
        if (file is null || file.Data.IsEmpty)
        {
            return Error(400, "The 'file' field is missing or empty: upload the audio as a multipart file field named 'file'.", "file");
        }

        var requested = parts.FirstOrDefault(p => p.Name == "model")?.Text.Trim();
        var chosen = binding.Service.Models.FirstOrDefault(m => string.Equals(m, requested, StringComparison.OrdinalIgnoreCase)) ?? model;
        var format = parts.FirstOrDefault(p => p.Name == "response_format")?.Text.Trim() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "text" or "verbose_json"))
        {
            return Error(400, $"response_format '{format}' is not supported here; use json, text or verbose_json.", "response_format");
        }

        var language = parts.FirstOrDefault(p => p.Name == "language")?.Text.Trim() is { Length: > 0 } l ? l : "en";
        var seconds = AudioProbe.DurationSeconds(file.Data.Span);
        var admission = world.Admit(new WorkRequest { Binding = binding, Model = chosen, Kind = WorkKind.Transcribe, AudioSeconds = seconds }, context);
        if (admission is null || !await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
        {
            return Refused.Response;
        }

        var words = Math.Clamp((int)Math.Round(seconds * WordsPerSecond), 1, 20_000);
        var tokens = TextGenerator.Tokens(StableHash.Of(context.Seed, file.FileName ?? "", file.Data.Length.ToString(CultureInfo.InvariantCulture)), words);
        var text = string.Concat(tokens);
        return format switch
        {
            "text" => new SimResponse { Status = 200, ContentType = "text/plain; charset=utf-8", Body = Encoding.UTF8.GetBytes(text + "\n") },
            "verbose_json" => JsonBody.Response(200, w => WriteVerbose(w, tokens, text, seconds, language), Json),
            _ => JsonBody.Response(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("text", text);
                w.WriteEndObject();
            }, Json),
        };
    }

    private static SimResponse Error(int status, string message, string? param) =>
        OpenAiApi.Error(OpenAiFlavor.Ollama, status, message, "invalid_request_error", param);

    private static SimResponse Models(ServiceBinding binding, SimulationContext context) =>
        JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in binding.Service.Models)
            {
                w.WriteStartObject();
                w.WriteString("id", model);
                w.WriteString("object", "model");
                w.WriteNumber("created", Serving.UnixSeconds(context.Clock.GetUtcNow()));
                w.WriteString("owned_by", "speaches");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);

    /// <summary>OpenAI's <c>verbose_json</c>: one segment per sentence, spread evenly over the audio.</summary>
    private static void WriteVerbose(Utf8JsonWriter w, IReadOnlyList<string> tokens, string text, double seconds, string language)
    {
        var sentences = new List<string>();
        var current = new StringBuilder();
        foreach (var token in tokens)
        {
            current.Append(token);
            if (token.EndsWith('.'))
            {
                sentences.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            sentences.Add(current.ToString());
        }

        var totalWords = Math.Max(1, tokens.Count);
        w.WriteStartObject();
        w.WriteString("task", "transcribe");
        w.WriteString("language", language == "en" ? "english" : language);
        w.WriteNumber("duration", Math.Round(seconds, 2));
        w.WriteString("text", text);
        w.WriteStartArray("segments");
        var start = 0.0;
        var wordsSoFar = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            wordsSoFar += sentences[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var end = Math.Round(seconds * wordsSoFar / totalWords, 2);
            w.WriteStartObject();
            w.WriteNumber("id", i);
            w.WriteNumber("seek", (int)(start * 100));
            w.WriteNumber("start", Math.Round(start, 2));
            w.WriteNumber("end", end);
            w.WriteString("text", sentences[i].StartsWith(' ') ? sentences[i] : " " + sentences[i]);
            w.WriteStartArray("tokens");
            var random = new DeterministicRandom(StableHash.Of(sentences[i]));
            foreach (var _ in sentences[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteNumberValue(random.Next(220, 50_000));
            }

            w.WriteEndArray();
            w.WriteNumber("temperature", 0.0);
            w.WriteNumber("avg_logprob", -0.21);
            w.WriteNumber("compression_ratio", 1.42);
            w.WriteNumber("no_speech_prob", 0.012);
            w.WriteEndObject();
            start = end;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
