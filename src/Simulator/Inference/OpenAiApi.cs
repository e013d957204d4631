using System.Globalization;
using System.Text.Json;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Inference;

/// <summary>Which server's dialect of the OpenAI API to speak: the fields and ids each one really emits differ.</summary>
internal enum OpenAiFlavor
{
    /// <summary>vLLM: <c>chatcmpl-&lt;32 hex&gt;</c> ids, <c>stop_reason</c>, error <c>code</c> as an integer.</summary>
    Vllm,

    /// <summary>Ollama's <c>/v1</c> layer: <c>system_fingerprint: fp_ollama</c>, <c>api_error</c> errors.</summary>
    Ollama,

    /// <summary>llama.cpp's llama-server: <c>timings</c>, errors <c>{code, message, type}</c>.</summary>
    LlamaCpp,
}

/// <summary>
/// <c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/embeddings</c> in the three dialects. The caller has
/// resolved the model; this class admits the work, waits for it in simulated time and writes the body or the stream.
/// </summary>
internal sealed class OpenAiApi(InferenceWorld world)
{
    private const string JsonType = "application/json";
    private const string EventStream = "text/event-stream; charset=utf-8";

    public static SimResponse Error(OpenAiFlavor flavor, int status, string message, string type, string? param = null) => flavor switch
    {
        OpenAiFlavor.Vllm => JsonBody.Response(status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            WriteNullableString(w, "param", param);
            w.WriteNumber("code", status);
            w.WriteEndObject();
            w.WriteEndObject();
        }, JsonType),
        OpenAiFlavor.LlamaCpp => JsonBody.Response(status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteEndObject();
            w.WriteEndObject();
        }, "application/json; charset=utf-8"),
        _ => JsonBody.Response(status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            WriteNullableString(w, "param", param);
            w.WriteNull("code");
            w.WriteEndObject();
            w.WriteEndObject();
        }, JsonType),
    };

    public async Task<SimResponse> ChatAsync(ServiceBinding binding, string model, string requestedModel, JsonElement body, OpenAiFlavor flavor, SimulationContext context, CancellationToken cancellationToken)
    {
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return Error(flavor, 400, "messages: field required (a list of {role, content} objects)", BadRequestType(flavor));
        }

        var prompt = string.Join('\n', messages.EnumerateArray().Select(m =>
            (m.String("role") ?? "user") + ": " + (m.TryGetProperty("content", out var c) ? JsonBody.ContentText(c) : "")));
        return await GenerateAsync(binding, model, requestedModel, body, prompt, chat: true, flavor, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SimResponse> CompletionAsync(ServiceBinding binding, string model, string requestedModel, JsonElement body, OpenAiFlavor flavor, SimulationContext context, CancellationToken cancellationToken)
    {
        var prompts = body.StringOrArray("prompt");
        if (prompts.Count == 0)
        {
            return Error(flavor, 400, "prompt: field required (a string)", BadRequestType(flavor));
        }

        return await GenerateAsync(binding, model, requestedModel, body, string.Join('\n', prompts), chat: false, flavor, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SimResponse> EmbeddingsAsync(ServiceBinding binding, string model, string requestedModel, JsonElement body, OpenAiFlavor flavor, SimulationContext context, CancellationToken cancellationToken)
    {
        var inputs = body.StringOrArray("input");
        if (inputs.Count == 0)
        {
            return Error(flavor, 400, "input: field required (a string or a list of strings)", BadRequestType(flavor));
        }

        var promptTokens = inputs.Sum(Serving.EstimateTokens);
        var admission = world.Admit(new WorkRequest { Binding = binding, Model = model, Kind = WorkKind.Embed, PromptTokens = promptTokens }, context);
        if (admission is null || !await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
        {
            return Refused.Response;
        }

        var dimensions = ModelFacts.EmbeddingDimensions(model);
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            if (flavor == OpenAiFlavor.Vllm)
            {
                w.WriteString("id", "embd-" + Id(context, admission));
                w.WriteString("object", "list");
                w.WriteNumber("created", Serving.UnixSeconds(admission.StartedAt));
                w.WriteString("model", requestedModel);
            }
            else
            {
                w.WriteString("object", "list");
            }

            w.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                w.WriteStartObject();
                if (flavor == OpenAiFlavor.Vllm)
                {
                    w.WriteNumber("index", i);
                    w.WriteString("object", "embedding");
                    WriteVector(w, "embedding", context, model, inputs[i], dimensions);
                }
                else
                {
                    w.WriteString("object", "embedding");
                    WriteVector(w, "embedding", context, model, inputs[i], dimensions);
                    w.WriteNumber("index", i);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (flavor != OpenAiFlavor.Vllm)
            {
                w.WriteString("model", requestedModel);
            }

            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("total_tokens", promptTokens);
            if (flavor == OpenAiFlavor.Vllm)
            {
                w.WriteNumber("completion_tokens", 0);
                w.WriteNull("prompt_tokens_details");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }, flavor == OpenAiFlavor.LlamaCpp ? "application/json; charset=utf-8" : JsonType);
    }

    /// <summary>A deterministic unit vector for a text: same input, same vector, so similarity search behaves consistently.</summary>
    public static void WriteVector(Utf8JsonWriter writer, string? name, SimulationContext context, string model, string text, int dimensions)
    {
        var random = new DeterministicRandom(StableHash.Of(context.Seed, "embedding", model, text));
        var values = new double[dimensions];
        var norm = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            values[i] = (random.NextDouble() * 2) - 1;
            norm += values[i] * values[i];
        }

        norm = Math.Sqrt(norm);
        if (name is null)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            writer.WriteNumberValue((float)(value / norm));
        }

        writer.WriteEndArray();
    }

    private async Task<SimResponse> GenerateAsync(ServiceBinding binding, string model, string requestedModel, JsonElement body, string prompt, bool chat, OpenAiFlavor flavor, SimulationContext context, CancellationToken cancellationToken)
    {
        if (ModelFacts.Profile(model).Kind == ModelKind.Embedding)
        {
            return Error(flavor, 400, chat ? "The model does not support Chat Completions API" : "The model does not support Completions API", BadRequestType(flavor));
        }

        var max = body.Int("max_completion_tokens") ?? body.Int("max_tokens") ?? (flavor == OpenAiFlavor.LlamaCpp ? body.Int("n_predict") : null);
        var hitLength = max is > 0;
        var outputTokens = hitLength ? max!.Value : world.Options.DefaultMaxTokens;
        var promptTokens = Serving.EstimateTokens(prompt);
        var admission = world.Admit(new WorkRequest
        {
            Binding = binding,
            Model = model,
            Kind = WorkKind.Generate,
            PromptTokens = promptTokens,
            OutputTokens = outputTokens,
            HitLength = hitLength,
        }, context);
        if (admission is null)
        {
            return Refused.Response;
        }

        var tokens = TextGenerator.Tokens(Serving.OutputSeed(context, model, prompt), outputTokens);
        var finish = hitLength ? "length" : "stop";
        var id = (chat ? "chatcmpl-" : "cmpl-") + IdSuffix(flavor, context, admission);
        var created = Serving.UnixSeconds(admission.StartedAt);
        var reply = new Reply(flavor, chat, id, created, requestedModel, finish, admission, binding);

        if (body.Bool("stream") == true)
        {
            var includeUsage = body.Object("stream_options")?.Bool("include_usage") == true;
            var shape = new StreamShape
            {
                Prologue = () => flavor == OpenAiFlavor.Ollama || !chat ? [] : [JsonBody.SseEvent(w => reply.WriteChunk(w, null, role: true))],
                Token = (token, _, _) => JsonBody.SseEvent(w => reply.WriteChunk(w, token, role: flavor == OpenAiFlavor.Ollama && chat)),
                Epilogue = _ => reply.Ending(includeUsage),
            };
            return new SimResponse
            {
                Status = 200,
                ContentType = flavor == OpenAiFlavor.Vllm ? EventStream : "text/event-stream",
                Stream = Serving.StreamAsync(world, admission, context, tokens, shape, cancellationToken),
            };
        }

        if (!await Serving.CompleteAsync(world, admission, context, cancellationToken).ConfigureAwait(false))
        {
            return Refused.Response;
        }

        var text = string.Concat(tokens);
        return JsonBody.Response(200, w => reply.WriteWhole(w, text), flavor == OpenAiFlavor.LlamaCpp ? "application/json; charset=utf-8" : JsonType);
    }

    private static string BadRequestType(OpenAiFlavor flavor) => flavor == OpenAiFlavor.Vllm ? "BadRequestError" : "invalid_request_error";

    private static string Id(SimulationContext context, Admission admission) =>
        StableHash.Hex(StableHash.Of(context.Seed, admission.Binding.Key, admission.RequestId.ToString(CultureInfo.InvariantCulture)), 32);

    private static string IdSuffix(OpenAiFlavor flavor, SimulationContext context, Admission admission)
    {
        var hash = StableHash.Of(context.Seed, admission.Binding.Key, admission.RequestId.ToString(CultureInfo.InvariantCulture));
        return flavor switch
        {
            // Ollama: fmt.Sprintf("chatcmpl-%d", rand.Intn(999)).
            OpenAiFlavor.Ollama => (hash % 999).ToString(CultureInfo.InvariantCulture),
            // llama.cpp: 32 random alphanumerics.
            OpenAiFlavor.LlamaCpp => Alphanumeric(hash, 32),
            _ => Id(context, admission),
        };
    }

    private static string Alphanumeric(ulong seed, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new DeterministicRandom(seed);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The pieces of one completion response, written in the field order of the flavor.</summary>
    private sealed record Reply(OpenAiFlavor Flavor, bool Chat, string Id, long Created, string Model, string Finish, Admission Admission, ServiceBinding Binding)
    {
        private string ObjectName => Chat ? "chat.completion" : "text_completion";

        private string ChunkObjectName => Chat ? "chat.completion.chunk" : "text_completion";

        private string Fingerprint => "b6123-" + StableHash.Hex(StableHash.Of(Binding.Key), 8);

        public void WriteWhole(Utf8JsonWriter w, string text)
        {
            w.WriteStartObject();
            if (Flavor == OpenAiFlavor.LlamaCpp)
            {
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteString("finish_reason", Finish);
                w.WriteNumber("index", 0);
                WriteContent(w, text);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("created", Created);
                w.WriteString("model", Model);
                w.WriteString("system_fingerprint", Fingerprint);
                w.WriteString("object", ObjectName);
                WriteUsage(w);
                w.WriteString("id", Id);
                WriteTimings(w);
                w.WriteEndObject();
                return;
            }

            w.WriteString("id", Id);
            w.WriteString("object", ObjectName);
            w.WriteNumber("created", Created);
            w.WriteString("model", Model);
            if (Flavor == OpenAiFlavor.Ollama)
            {
                w.WriteString("system_fingerprint", "fp_ollama");
            }

            w.WriteStartArray("choices");
            w.WriteStartObject();
            if (Flavor == OpenAiFlavor.Ollama && !Chat)
            {
                w.WriteString("text", text);
                w.WriteNumber("index", 0);
                w.WriteString("finish_reason", Finish);
            }
            else
            {
                w.WriteNumber("index", 0);
                WriteContent(w, text);
                if (Flavor == OpenAiFlavor.Vllm)
                {
                    w.WriteNull("logprobs");
                }

                w.WriteString("finish_reason", Finish);
                if (Flavor == OpenAiFlavor.Vllm)
                {
                    w.WriteNull("stop_reason");
                    if (!Chat)
                    {
                        w.WriteNull("prompt_logprobs");
                    }
                }
            }

            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w);
            if (Flavor == OpenAiFlavor.Vllm && Chat)
            {
                w.WriteNull("prompt_logprobs");
            }

            w.WriteEndObject();
        }

        public void WriteChunk(Utf8JsonWriter w, string? token, bool role)
        {
            w.WriteStartObject();
            if (Flavor == OpenAiFlavor.LlamaCpp)
            {
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNull("finish_reason");
                w.WriteNumber("index", 0);
                WriteDelta(w, token, role);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("created", Created);
                w.WriteString("id", Id);
                w.WriteString("model", Model);
                w.WriteString("system_fingerprint", Fingerprint);
                w.WriteString("object", ChunkObjectName);
                w.WriteEndObject();
                return;
            }

            WriteChunkHeader(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            WriteDelta(w, token, role);
            if (Flavor == OpenAiFlavor.Vllm)
            {
                w.WriteNull("logprobs");
            }

            w.WriteNull("finish_reason");
            if (Flavor == OpenAiFlavor.Vllm && !Chat)
            {
                w.WriteNull("stop_reason");
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        public IEnumerable<byte[]> Ending(bool includeUsage)
        {
            yield return JsonBody.SseEvent(WriteFinalChunk);
            if (includeUsage && Flavor != OpenAiFlavor.LlamaCpp)
            {
                yield return JsonBody.SseEvent(w =>
                {
                    w.WriteStartObject();
                    WriteChunkHeader(w);
                    w.WriteStartArray("choices");
                    w.WriteEndArray();
                    WriteUsage(w);
                    w.WriteEndObject();
                });
            }

            yield return JsonBody.SseDone;
        }

        private void WriteFinalChunk(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            if (Flavor == OpenAiFlavor.LlamaCpp)
            {
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteString("finish_reason", Finish);
                w.WriteNumber("index", 0);
                if (Chat)
                {
                    w.WriteStartObject("delta");
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("text", "");
                }

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("created", Created);
                w.WriteString("id", Id);
                w.WriteString("model", Model);
                w.WriteString("system_fingerprint", Fingerprint);
                w.WriteString("object", ChunkObjectName);
                WriteUsage(w);
                WriteTimings(w);
                w.WriteEndObject();
                return;
            }

            WriteChunkHeader(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (Chat)
            {
                w.WriteStartObject("delta");
                if (Flavor == OpenAiFlavor.Ollama)
                {
                    w.WriteString("role", "assistant");
                    w.WriteString("content", "");
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", "");
            }

            if (Flavor == OpenAiFlavor.Vllm)
            {
                w.WriteNull("logprobs");
            }

            w.WriteString("finish_reason", Finish);
            if (Flavor == OpenAiFlavor.Vllm)
            {
                w.WriteNull("stop_reason");
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void WriteChunkHeader(Utf8JsonWriter w)
        {
            w.WriteString("id", Id);
            w.WriteString("object", ChunkObjectName);
            w.WriteNumber("created", Created);
            w.WriteString("model", Model);
            if (Flavor == OpenAiFlavor.Ollama)
            {
                w.WriteString("system_fingerprint", "fp_ollama");
            }
        }

        private void WriteContent(Utf8JsonWriter w, string text)
        {
            if (!Chat)
            {
                w.WriteString("text", text);
                if (Flavor == OpenAiFlavor.Vllm)
                {
                    w.WriteNull("logprobs");
                }

                return;
            }

            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            if (Flavor == OpenAiFlavor.Vllm)
            {
                w.WriteNull("reasoning_content");
            }

            w.WriteString("content", text);
            if (Flavor == OpenAiFlavor.Vllm)
            {
                w.WriteStartArray("tool_calls");
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        private void WriteDelta(Utf8JsonWriter w, string? token, bool role)
        {
            if (!Chat)
            {
                w.WriteString("text", token ?? "");
                return;
            }

            w.WriteStartObject("delta");
            if (role)
            {
                w.WriteString("role", "assistant");
            }

            if (token is null && Flavor == OpenAiFlavor.LlamaCpp)
            {
                w.WriteNull("content");
            }
            else
            {
                w.WriteString("content", token ?? "");
            }

            w.WriteEndObject();
        }

        private void WriteUsage(Utf8JsonWriter w)
        {
            var prompt = Admission.PromptTokens;
            var completion = Admission.OutputTokens;
            w.WriteStartObject("usage");
            switch (Flavor)
            {
                case OpenAiFlavor.Vllm:
                    w.WriteNumber("prompt_tokens", prompt);
                    w.WriteNumber("total_tokens", prompt + completion);
                    w.WriteNumber("completion_tokens", completion);
                    w.WriteNull("prompt_tokens_details");
                    break;
                case OpenAiFlavor.LlamaCpp:
                    w.WriteNumber("completion_tokens", completion);
                    w.WriteNumber("prompt_tokens", prompt);
                    w.WriteNumber("total_tokens", prompt + completion);
                    w.WriteStartObject("prompt_tokens_details");
                    w.WriteNumber("cached_tokens", 0);
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteNumber("prompt_tokens", prompt);
                    w.WriteNumber("completion_tokens", completion);
                    w.WriteNumber("total_tokens", prompt + completion);
                    break;
            }

            w.WriteEndObject();
        }

        private void WriteTimings(Utf8JsonWriter w)
        {
            var promptMs = Admission.PromptSeconds * 1000;
            var predictedMs = Admission.GenerationSeconds * 1000;
            w.WriteStartObject("timings");
            w.WriteNumber("cache_n", 0);
            w.WriteNumber("prompt_n", Admission.PromptTokens);
            w.WriteNumber("prompt_ms", promptMs);
            w.WriteNumber("prompt_per_token_ms", promptMs / Math.Max(Admission.PromptTokens, 1));
            w.WriteNumber("prompt_per_second", Admission.PromptTokens / Math.Max(Admission.PromptSeconds, 1e-9));
            w.WriteNumber("predicted_n", Admission.OutputTokens);
            w.WriteNumber("predicted_ms", predictedMs);
            w.WriteNumber("predicted_per_token_ms", predictedMs / Math.Max(Admission.OutputTokens, 1));
            w.WriteNumber("predicted_per_second", Admission.OutputTokens / Math.Max(Admission.GenerationSeconds, 1e-9));
            w.WriteEndObject();
        }
    }
}
