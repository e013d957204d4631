using System.Globalization;
using System.Text.Json;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// Ollama's native API (<c>/api/*</c>) and its OpenAI-compatible layer (<c>/v1/*</c>), with the field names, NDJSON
/// framing and error texts of ollama/ollama (see shared/fixtures/ollama).
/// </summary>
internal sealed class OllamaApi(InferenceWorld world, OpenAiApi openAi)
{
    private const string Json = "application/json; charset=utf-8";
    private const string NdJson = "application/x-ndjson";

    public Task<SimResponse> HandleAsync(ServiceBinding binding, SimRequest request, SimulationContext context, CancellationToken cancellationToken)
    {
        return (request.Method, request.Path) switch
        {
            ("GET" or "HEAD", "/") => Task.FromResult(new SimResponse { Status = 200, ContentType = "text/plain; charset=utf-8", Body = "Ollama is running"u8.ToArray() }),
            ("GET", "/api/version") => Task.FromResult(JsonBody.Response(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("version", world.Options.OllamaVersion);
                w.WriteEndObject();
            }, Json)),
            ("GET", "/api/tags") => Task.FromResult(Tags(binding, context)),
            ("GET", "/api/ps") => Task.FromResult(Ps(binding, context)),
            ("POST", "/api/chat") => WithBody(request, body => ChatAsync(binding, body, context, cancellationToken)),
            ("POST", "/api/generate") => WithBody(request, body => GenerateAsync(binding, body, context, cancellationToken)),
            ("POST", "/api/embed") => WithBody(request, body => EmbedAsync(binding, body, legacy: false, context, cancellationToken)),
            ("POST", "/api/embeddings") => WithBody(request, body => EmbedAsync(binding, body, legacy: true, context, cancellationToken)),
            ("GET", "/v1/models") => Task.FromResult(OpenAiModels(binding, context)),
            ("POST", "/v1/chat/completions") => WithOpenAiModel(binding, request, (model, requested, body) => openAi.ChatAsync(binding, model, requested, body, OpenAiFlavor.Ollama, context, cancellationToken)),
            ("POST", "/v1/completions") => WithOpenAiModel(binding, request, (model, requested, body) => openAi.CompletionAsync(binding, model, requested, body, OpenAiFlavor.Ollama, context, cancellationToken)),
            ("POST", "/v1/embeddings") => WithOpenAiModel(binding, request, (model, requested, body) => openAi.EmbeddingsAsync(binding, model, requested, body, OpenAiFlavor.Ollama, context, cancellationToken)),
            // Gin's default 404.
            _ => Task.FromResult(new SimResponse { Status = 404, ContentType = "text/plain", Body = "404 page not found"u8.ToArray() }),
        };
    }

    /// <summary>The name Ollama lists a model under: a tag is always present (<c>:latest</c> by default).</summary>
    public static string TaggedName(string model) => model.Contains(':', StringComparison.Ordinal) ? model : model + ":latest";

    /// <summary>The configured model a request names, matched the way Ollama does (case-insensitive, <c>:latest</c> implied).</summary>
    public static string? Resolve(ServiceBinding binding, string? requested) =>
        string.IsNullOrWhiteSpace(requested)
            ? null
            : binding.Service.Models.FirstOrDefault(m => string.Equals(TaggedName(m), TaggedName(requested.Trim()), StringComparison.OrdinalIgnoreCase));

    /// <summary>Deterministic sha256-like digest of a model's blob.</summary>
    public static string Digest(string model) => StableHash.Hex(StableHash.Of("ollama-blob", TaggedName(model)), 64);

    private static SimResponse Error(int status, string message) =>
        JsonBody.Response(status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }, Json);

    private static async Task<SimResponse> WithBody(SimRequest request, Func<JsonElement, Task<SimResponse>> handle)
    {
        if (request.Body.IsEmpty)
        {
            return Error(400, "missing request body");
        }

        using var document = JsonBody.TryParse(request.Body);
        if (document is null)
        {
            return Error(400, "invalid request body: expected a JSON object");
        }

        return await handle(document.RootElement).ConfigureAwait(false);
    }

    private static async Task<SimResponse> WithOpenAiModel(ServiceBinding binding, SimRequest request, Func<string, string, JsonElement, Task<SimResponse>> handle)
    {
        using var document = JsonBody.TryParse(request.Body);
        if (document is null)
        {
            return OpenAiApi.Error(OpenAiFlavor.Ollama, 400, "invalid request body: expected a JSON object", "invalid_request_error");
        }

        var requested = document.RootElement.String("model") ?? "";
        if (Resolve(binding, requested) is not { } model)
        {
            return OpenAiApi.Error(OpenAiFlavor.Ollama, 404, $"model \"{requested}\" not found, try pulling it first", "api_error");
        }

        return await handle(model, requested, document.RootElement).ConfigureAwait(false);
    }

    private SimResponse Tags(ServiceBinding binding, SimulationContext context)
    {
        var snapshot = world.Observe(binding, context);
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var model in binding.Service.Models)
            {
                w.WriteStartObject();
                w.WriteString("name", TaggedName(model));
                w.WriteString("model", TaggedName(model));
                w.WriteString("modified_at", JsonBody.Rfc3339Nano(PulledAt(snapshot, model)));
                w.WriteNumber("size", ModelFacts.WeightsBytes(model));
                w.WriteString("digest", Digest(model));
                WriteDetails(w, model);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    private SimResponse Ps(ServiceBinding binding, SimulationContext context)
    {
        var snapshot = world.Observe(binding, context);
        // Longest remaining keep-alive first, as Ollama's PsHandler sorts.
        var models = snapshot.Models
            .Select(m => (Model: m, ExpiresAt: m.KeepAlive is { } keepAlive ? m.LastUsedAt + keepAlive : KeepAlive.Forever.ExpiresAt(m.LastUsedAt)))
            .OrderByDescending(x => x.ExpiresAt)
            .ToList();
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var (model, expiresAt) in models)
            {
                w.WriteStartObject();
                w.WriteString("name", TaggedName(model.Name));
                w.WriteString("model", TaggedName(model.Name));
                w.WriteNumber("size", (long)(model.SizeGb * 1e9));
                w.WriteString("digest", Digest(model.Name));
                WriteDetails(w, model.Name);
                w.WriteString("expires_at", JsonBody.Rfc3339Nano(expiresAt));
                w.WriteNumber("size_vram", (long)(model.VramGb * 1e9));
                w.WriteNumber("context_length", model.ContextLength);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    private SimResponse OpenAiModels(ServiceBinding binding, SimulationContext context)
    {
        var snapshot = world.Observe(binding, context);
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in binding.Service.Models)
            {
                w.WriteStartObject();
                w.WriteString("id", TaggedName(model));
                w.WriteString("object", "model");
                w.WriteNumber("created", Serving.UnixSeconds(PulledAt(snapshot, model)));
                w.WriteString("owned_by", "library");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, "application/json");
    }

    private async Task<SimResponse> ChatAsync(ServiceBinding binding, JsonElement body, SimulationContext context, CancellationToken cancellationToken)
    {
        if (!Prepare(binding, body, out var requested, out var model, out var keepAlive, out var error))
        {
            return error;
        }

        if (ModelFacts.Profile(model).Kind == ModelKind.Embedding)
        {
            return Error(400, $"\"{requested}\" does not support chat");
        }

        var messages = body.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return await LoadOrUnloadAsync(binding, body, requested, model, keepAlive, chat: true, context, cancellationToken).ConfigureAwait(false);
        }

        var prompt = string.Join('\n', messages.EnumerateArray().Select(m =>
            (m.String("role") ?? "user") + ": " + (m.TryGetProperty("content", out var c) ? JsonBody.ContentText(c) : "")));
        return await RespondAsync(binding, body, requested, model, prompt, keepAlive, chat: true, context, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SimResponse> GenerateAsync(ServiceBinding binding, JsonElement body, SimulationContext context, CancellationToken cancellationToken)
    {
        if (!Prepare(binding, body, out var requested, out var model, out var keepAlive, out var error))
        {
            return error;
        }

        if (ModelFacts.Profile(model).Kind == ModelKind.Embedding)
        {
            return Error(400, $"\"{requested}\" does not support generate");
        }

        var prompt = body.String("prompt") ?? "";
        if (prompt.Length == 0)
        {
            return await LoadOrUnloadAsync(binding, body, requested, model, keepAlive, chat: false, context, cancellationToken).ConfigureAwait(false);
        }

        var system = body.String("system");
        return await RespondAsync(binding, body, requested, model, system is null ? prompt : system + "\n" + prompt, keepAlive, chat: false, context, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SimResponse> EmbedAsync(ServiceBinding binding, JsonElement body, bool legacy, SimulationContext context, CancellationToken cancellationToken)
    {
        if (!Prepare(binding, body, out var requested, out var model, out var keepAlive, out var error))
        {
            return error;
        }

        var inputs = legacy ? [body.String("prompt") ?? ""] : body.StringOrArray("input");
        var promptTokens = inputs.Sum(Serving.EstimateTokens);
        var admission = world.Admit(new WorkRequest
        {
            Binding = binding,
            Model = model,
            Kind = WorkKind.Embed,
            PromptTokens = promptTokens,
            KeepAlive = keepAlive,
            ContextLength = body.Object("options")?.Int("num_ctx"),
        }, context);
        if (admission is null || !await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
        {
            return Refused.Response;
        }

        var dimensions = ModelFacts.EmbeddingDimensions(model);
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            if (legacy)
            {
                OpenAiApi.WriteVector(w, "embedding", context, model, inputs[0], dimensions);
            }
            else
            {
                w.WriteString("model", requested);
                w.WriteStartArray("embeddings");
                foreach (var input in inputs)
                {
                    OpenAiApi.WriteVector(w, null, context, model, input, dimensions);
                }

                w.WriteEndArray();
                w.WriteNumber("total_duration", JsonBody.Nanoseconds(ReportedLoad(admission) + admission.PromptSeconds));
                w.WriteNumber("load_duration", JsonBody.Nanoseconds(ReportedLoad(admission)));
                w.WriteNumber("prompt_eval_count", promptTokens);
            }

            w.WriteEndObject();
        }, Json);
    }

    private static bool Prepare(ServiceBinding binding, JsonElement body, out string requested, out string model, out KeepAlive? keepAlive, out SimResponse error)
    {
        requested = body.String("model") ?? "";
        model = "";
        keepAlive = null;
        error = null!;
        if (requested.Length == 0)
        {
            error = Error(400, "model is required");
            return false;
        }

        if (Resolve(binding, requested) is not { } resolved)
        {
            error = Error(404, $"model '{requested}' not found");
            return false;
        }

        if (!KeepAlive.TryRead(body, out keepAlive))
        {
            error = Error(400, "keep_alive: expected a duration such as \"5m\", a number of seconds, or -1 to keep the model loaded");
            return false;
        }

        model = resolved;
        return true;
    }

    private async Task<SimResponse> LoadOrUnloadAsync(ServiceBinding binding, JsonElement body, string requested, string model, KeepAlive? keepAlive, bool chat, SimulationContext context, CancellationToken cancellationToken)
    {
        string reason;
        if (keepAlive is { Duration: { } duration } && duration == TimeSpan.Zero)
        {
            world.Unload(binding, model, context);
            reason = "unload";
        }
        else
        {
            var admission = world.Admit(new WorkRequest
            {
                Binding = binding,
                Model = model,
                Kind = WorkKind.Load,
                KeepAlive = keepAlive,
                ContextLength = body.Object("options")?.Int("num_ctx"),
            }, context);
            if (admission is null || !await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
            {
                return Refused.Response;
            }

            reason = "load";
        }

        var now = context.Clock.GetUtcNow();
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("model", requested);
            w.WriteString("created_at", JsonBody.Rfc3339Nano(now));
            if (chat)
            {
                WriteMessage(w, "");
            }
            else
            {
                w.WriteString("response", "");
            }

            w.WriteString("done_reason", reason);
            w.WriteBoolean("done", true);
            w.WriteEndObject();
        }, Json);
    }

    private async Task<SimResponse> RespondAsync(ServiceBinding binding, JsonElement body, string requested, string model, string prompt, KeepAlive? keepAlive, bool chat, SimulationContext context, CancellationToken cancellationToken)
    {
        var options = body.Object("options");
        var numPredict = options?.Int("num_predict");
        // num_predict -1 (infinite) and -2 (fill the context) end on their own: the default length stands in for that.
        var hitLength = numPredict is > 0;
        var outputTokens = hitLength ? numPredict!.Value : world.Options.DefaultMaxTokens;
        var promptTokens = Serving.EstimateTokens(prompt);
        var admission = world.Admit(new WorkRequest
        {
            Binding = binding,
            Model = model,
            Kind = WorkKind.Generate,
            PromptTokens = promptTokens,
            OutputTokens = outputTokens,
            HitLength = hitLength,
            KeepAlive = keepAlive,
            ContextLength = options?.Int("num_ctx"),
        }, context);
        if (admission is null)
        {
            return Refused.Response;
        }

        var tokens = TextGenerator.Tokens(Serving.OutputSeed(context, model, prompt), outputTokens);
        var doneReason = hitLength ? "length" : "stop";
        if (body.Bool("stream") ?? true)
        {
            var shape = new StreamShape
            {
                Token = (token, _, at) => JsonBody.Line(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("model", requested);
                    w.WriteString("created_at", JsonBody.Rfc3339Nano(at));
                    if (chat)
                    {
                        WriteMessage(w, token);
                    }
                    else
                    {
                        w.WriteString("response", token);
                    }

                    w.WriteBoolean("done", false);
                    w.WriteEndObject();
                }),
                // The final chunk carries no text, only done_reason and the metrics.
                Epilogue = at => [JsonBody.Line(w => WriteFinal(w, requested, at, "", doneReason, admission, chat))],
            };
            return new SimResponse
            {
                Status = 200,
                ContentType = NdJson,
                Stream = Serving.StreamAsync(world, admission, context, tokens, shape, cancellationToken),
            };
        }

        if (!await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
        {
            return Refused.Response;
        }

        var text = string.Concat(tokens);
        var now = context.Clock.GetUtcNow();
        return JsonBody.Response(200, w => WriteFinal(w, requested, now, text, doneReason, admission, chat), Json);
    }

    private static void WriteFinal(Utf8JsonWriter w, string requested, DateTimeOffset at, string text, string doneReason, Admission admission, bool chat)
    {
        w.WriteStartObject();
        w.WriteString("model", requested);
        w.WriteString("created_at", JsonBody.Rfc3339Nano(at));
        if (chat)
        {
            WriteMessage(w, text);
        }
        else
        {
            w.WriteString("response", text);
        }

        w.WriteString("done_reason", doneReason);
        w.WriteBoolean("done", true);
        if (!chat)
        {
            // /api/generate still returns the (deprecated) token context.
            w.WriteStartArray("context");
            var random = new DeterministicRandom(StableHash.Of(admission.Model, admission.RequestId.ToString(CultureInfo.InvariantCulture)));
            for (var i = 0; i < Math.Min(admission.PromptTokens + admission.OutputTokens, 4096); i++)
            {
                w.WriteNumberValue(random.Next(128000));
            }

            w.WriteEndArray();
        }

        var load = ReportedLoad(admission);
        w.WriteNumber("total_duration", JsonBody.Nanoseconds(load + admission.PromptSeconds + admission.GenerationSeconds));
        w.WriteNumber("load_duration", JsonBody.Nanoseconds(load));
        w.WriteNumber("prompt_eval_count", admission.PromptTokens);
        w.WriteNumber("prompt_eval_duration", JsonBody.Nanoseconds(admission.PromptSeconds));
        w.WriteNumber("eval_count", admission.OutputTokens);
        w.WriteNumber("eval_duration", JsonBody.Nanoseconds(admission.GenerationSeconds));
        w.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter w, string content)
    {
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", content);
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, string model)
    {
        var family = ModelFacts.Family(model);
        w.WriteStartObject("details");
        w.WriteString("parent_model", "");
        w.WriteString("format", "gguf");
        w.WriteString("family", family);
        w.WriteStartArray("families");
        w.WriteStringValue(family);
        w.WriteEndArray();
        w.WriteString("parameter_size", ModelFacts.ParameterSize(model));
        w.WriteString("quantization_level", ModelFacts.Quantization(model));
        w.WriteEndObject();
    }

    /// <summary>A warm model still reports Ollama's ~1 ms of scheduling as load time (the field is never absent on a real answer).</summary>
    private static double ReportedLoad(Admission admission) => Math.Max(admission.LoadSeconds, 0.001);

    /// <summary>When the model was pulled: some days before the world was seeded, different per model.</summary>
    private static DateTimeOffset PulledAt(ServiceSnapshot snapshot, string model) =>
        snapshot.SeededAt - TimeSpan.FromSeconds(86_400 + (StableHash.Of("pulled", model) % (30 * 86_400)))
            - TimeSpan.FromTicks((long)(StableHash.Of("pulled-fraction", model) % TimeSpan.TicksPerSecond));
}
