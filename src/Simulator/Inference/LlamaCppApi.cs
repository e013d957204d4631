using System.Text.Json;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// llama.cpp's llama-server in single-model mode: <c>/health</c> answers 503 "Loading model" until the weights are in
/// memory, <c>/v1/models</c> lists the one model (with <c>meta</c> null while loading), <c>/slots</c> shows the
/// parallel slots, <c>/metrics</c> is always on (as if started with <c>--metrics</c>). The <c>model</c> field of a
/// request is ignored, as the real server does.
/// </summary>
internal sealed class LlamaCppApi(InferenceWorld world, OpenAiApi openAi)
{
    private const string Json = "application/json; charset=utf-8";

    /// <summary>Context per slot (llama-server splits <c>-c</c> across <c>--parallel</c> slots).</summary>
    private const int SlotContext = 4096;

    public async Task<SimResponse> HandleAsync(ServiceBinding binding, SimRequest request, SimulationContext context, CancellationToken cancellationToken)
    {
        var snapshot = world.Observe(binding, context);
        var model = Model(binding);
        var loading = !snapshot.AllReady;
        switch (request.Method, request.Path)
        {
            case ("GET", "/health" or "/v1/health"):
                return loading ? Loading() : new SimResponse { Status = 200, ContentType = Json, Body = """{"status":"ok"}"""u8.ToArray() };
            case ("GET", "/v1/models" or "/models"):
                return Models(snapshot, model, loading);
            case ("GET", "/metrics"):
                return new SimResponse { Status = 200, ContentType = "text/plain; version=0.0.4", Body = Metrics(snapshot).ToBytes() };
            case ("GET", "/slots"):
                return loading ? Loading() : Slots(snapshot);
            case ("POST", "/v1/chat/completions" or "/chat/completions" or "/v1/completions" or "/completions"):
                if (loading)
                {
                    return Loading();
                }

                break;
            default:
                return OpenAiApi.Error(OpenAiFlavor.LlamaCpp, 404, "File Not Found", "not_found_error");
        }

        using var document = JsonBody.TryParse(request.Body);
        if (document is null)
        {
            return OpenAiApi.Error(OpenAiFlavor.LlamaCpp, 400, "The request body is not a JSON object.", "invalid_request_error");
        }

        var requested = document.RootElement.String("model") ?? model;
        return request.Path.EndsWith("chat/completions", StringComparison.Ordinal)
            ? await openAi.ChatAsync(binding, model, requested, document.RootElement, OpenAiFlavor.LlamaCpp, context, cancellationToken).ConfigureAwait(false)
            : await openAi.CompletionAsync(binding, model, requested, document.RootElement, OpenAiFlavor.LlamaCpp, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parallel slots: the device's concurrent streams, 1–4 (llama-server's automatic <c>--parallel</c>).</summary>
    public static int SlotCount(ServiceBinding binding) => Math.Clamp(binding.Hardware.Profile.ConcurrentStreams, 1, 4);

    private static string Model(ServiceBinding binding) => binding.Service.Models.Count > 0 ? binding.Service.Models[0] : "default";

    private static SimResponse Loading() =>
        new() { Status = 503, ContentType = Json, Body = """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"""u8.ToArray() };

    private static SimResponse Models(ServiceSnapshot snapshot, string model, bool loading)
    {
        var profile = ModelFacts.Profile(model);
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", model);
            w.WriteString("object", "model");
            w.WriteStartObject("architecture");
            w.WriteStartArray("input_modalities");
            w.WriteStringValue("text");
            w.WriteEndArray();
            w.WriteStartArray("output_modalities");
            w.WriteStringValue("text");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNumber("created", Serving.UnixSeconds(snapshot.UpSince ?? snapshot.Now));
            w.WriteString("owned_by", "llamacpp");
            if (loading)
            {
                w.WriteNull("meta");
            }
            else
            {
                w.WriteStartObject("meta");
                w.WriteNumber("vocab_type", 2);
                w.WriteNumber("n_vocab", ModelFacts.VocabularySize(model));
                w.WriteNumber("n_ctx_train", ModelFacts.TrainedContext(model));
                w.WriteNumber("n_embd", ModelFacts.HiddenSize(model));
                w.WriteNumber("n_params", (long)(profile.ParametersBillions * 1e9));
                w.WriteNumber("size", ModelFacts.WeightsBytes(model));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    private static SimResponse Slots(ServiceSnapshot snapshot)
    {
        var slots = SlotCount(snapshot.Binding);
        var running = snapshot.Requests.OrderBy(r => r.StartedAt).ThenBy(r => r.Id).Take(slots).ToList();
        var lastTask = Math.Max(0, snapshot.Requests.Count == 0 ? 0 : snapshot.Requests.Max(r => r.Id));
        return JsonBody.Response(200, w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < slots; i++)
            {
                var request = i < running.Count ? running[i] : null;
                w.WriteStartObject();
                w.WriteNumber("id", i);
                w.WriteNumber("id_task", request?.Id ?? (i == 0 ? lastTask : 0));
                w.WriteNumber("n_ctx", SlotContext);
                w.WriteBoolean("speculative", false);
                w.WriteBoolean("is_processing", request is not null);
                WriteParams(w, request);
                w.WriteStartObject("next_token");
                w.WriteBoolean("has_next_token", request is not null);
                w.WriteBoolean("has_new_line", false);
                w.WriteNumber("n_remain", request is { HitLength: true } ? request.OutputTokens - VllmApi.Decoded(request, snapshot.Now) : -1);
                w.WriteNumber("n_decoded", request is null ? 0 : VllmApi.Decoded(request, snapshot.Now));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, Json);
    }

    /// <summary>The sampling parameters of a slot: llama-server's defaults (the fields of its <c>/slots</c> dump).</summary>
    private static void WriteParams(Utf8JsonWriter w, RequestRuntime? request)
    {
        w.WriteStartObject("params");
        w.WriteNumber("n_predict", request is { HitLength: true } ? request.OutputTokens : -1);
        w.WriteNumber("seed", 4294967295);
        w.WriteNumber("temperature", 0.800000011920929);
        w.WriteNumber("dynatemp_range", 0.0);
        w.WriteNumber("dynatemp_exponent", 1.0);
        w.WriteNumber("top_k", 40);
        w.WriteNumber("top_p", 0.949999988079071);
        w.WriteNumber("min_p", 0.05000000074505806);
        w.WriteNumber("top_n_sigma", -1.0);
        w.WriteNumber("xtc_probability", 0.0);
        w.WriteNumber("xtc_threshold", 0.10000000149011612);
        w.WriteNumber("typical_p", 1.0);
        w.WriteNumber("repeat_last_n", 64);
        w.WriteNumber("repeat_penalty", 1.0);
        w.WriteNumber("presence_penalty", 0.0);
        w.WriteNumber("frequency_penalty", 0.0);
        w.WriteNumber("dry_multiplier", 0.0);
        w.WriteNumber("dry_base", 1.75);
        w.WriteNumber("dry_allowed_length", 2);
        w.WriteNumber("dry_penalty_last_n", SlotContext);
        w.WriteNumber("mirostat", 0);
        w.WriteNumber("mirostat_tau", 5.0);
        w.WriteNumber("mirostat_eta", 0.10000000149011612);
        w.WriteNumber("max_tokens", request is { HitLength: true } ? request.OutputTokens : -1);
        w.WriteNumber("n_keep", 0);
        w.WriteNumber("n_discard", 0);
        w.WriteBoolean("ignore_eos", false);
        w.WriteBoolean("stream", false);
        w.WriteNumber("n_probs", 0);
        w.WriteNumber("min_keep", 0);
        w.WriteString("chat_format", "Content-only");
        w.WriteString("reasoning_format", "none");
        w.WriteBoolean("reasoning_in_content", false);
        w.WriteBoolean("thinking_forced_open", false);
        w.WriteStartArray("samplers");
        foreach (var sampler in (string[])["penalties", "dry", "top_k", "typ_p", "top_p", "min_p", "xtc", "temperature"])
        {
            w.WriteStringValue(sampler);
        }

        w.WriteEndArray();
        w.WriteNumber("speculative.n_max", 16);
        w.WriteNumber("speculative.n_min", 0);
        w.WriteNumber("speculative.p_min", 0.75);
        w.WriteBoolean("timings_per_token", false);
        w.WriteBoolean("post_sampling_probs", false);
        w.WriteStartArray("lora");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static PrometheusText Metrics(ServiceSnapshot snapshot)
    {
        var counters = snapshot.CountersOf(Model(snapshot.Binding));
        var slots = SlotCount(snapshot.Binding);
        var processing = Math.Min(snapshot.Requests.Count, slots);
        var text = new PrometheusText();
        Metric("prompt_tokens_total", "counter", "Number of prompt tokens processed.", counters.PromptTokens);
        Metric("prompt_seconds_total", "counter", "Prompt process time", counters.PromptSeconds);
        Metric("tokens_predicted_total", "counter", "Number of generation tokens processed.", counters.GenerationTokens);
        Metric("tokens_predicted_seconds_total", "counter", "Predict process time", counters.GenerationSeconds);
        Metric("n_decode_total", "counter", "Total number of llama_decode() calls", counters.GenerationTokens + counters.FinishedStop + counters.FinishedLength);
        Metric("n_tokens_max", "counter", "Largest observed n_tokens.", counters.MaxContextTokens);
        Metric("n_busy_slots_per_decode", "gauge", "Average number of busy slots per llama_decode() call", processing);
        Metric("prompt_tokens_seconds", "gauge", "Average prompt throughput in tokens/s.", counters.PromptSeconds > 0 ? counters.PromptTokens / counters.PromptSeconds : 0);
        Metric("predicted_tokens_seconds", "gauge", "Average generation throughput in tokens/s.", counters.GenerationSeconds > 0 ? counters.GenerationTokens / counters.GenerationSeconds : 0);
        Metric("requests_processing", "gauge", "Number of requests processing.", processing);
        Metric("requests_deferred", "gauge", "Number of requests deferred.", snapshot.Requests.Count - processing);
        return text;

        void Metric(string name, string type, string help, double value) =>
            text.Family("llamacpp:" + name, type, help).Sample("llamacpp:" + name, "", Format(value));
    }

    private static string Format(double value) =>
        value == Math.Floor(value) ? PrometheusText.Integer(value) : value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
