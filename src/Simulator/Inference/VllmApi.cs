using System.Globalization;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// vLLM's OpenAI-compatible server: it serves exactly the models it was started with, all resident. While the weights
/// load after a guest start the port is closed (connection refused): vLLM's API server only starts listening once the
/// engine is built.
/// </summary>
internal sealed class VllmApi(InferenceWorld world, OpenAiApi openAi)
{
    private const string NotFoundBody = """{"detail":"Not Found"}""";

    public async Task<SimResponse> HandleAsync(ServiceBinding binding, SimRequest request, SimulationContext context, CancellationToken cancellationToken)
    {
        var snapshot = world.Observe(binding, context);
        if (!snapshot.AllReady)
        {
            return Refused.Response;
        }

        switch (request.Method, request.Path)
        {
            case ("GET", "/health" or "/ping"):
                return new SimResponse { Status = 200, ContentType = "application/json" };
            case ("GET", "/version"):
                return JsonBody.Response(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("version", world.Options.VllmVersion);
                    w.WriteEndObject();
                }, "application/json");
            case ("GET", "/v1/models"):
                return Models(binding, context);
            case ("GET", "/metrics"):
                return new SimResponse { Status = 200, ContentType = PrometheusText.ContentType, Body = Metrics(snapshot).ToBytes() };
            case ("POST", "/v1/chat/completions" or "/v1/completions" or "/v1/embeddings"):
                break;
            default:
                return new SimResponse { Status = 404, ContentType = "application/json", Body = System.Text.Encoding.UTF8.GetBytes(NotFoundBody) };
        }

        using var document = JsonBody.TryParse(request.Body);
        if (document is null)
        {
            return OpenAiApi.Error(OpenAiFlavor.Vllm, 400, "The request body is not a JSON object.", "BadRequestError");
        }

        var body = document.RootElement;
        var requested = body.String("model");
        // vLLM serves the first model when the request names none; otherwise the name must match a served name exactly.
        var model = string.IsNullOrEmpty(requested)
            ? (binding.Service.Models.Count > 0 ? binding.Service.Models[0] : null)
            : binding.Service.Models.FirstOrDefault(m => m == requested);
        if (model is null)
        {
            return OpenAiApi.Error(OpenAiFlavor.Vllm, 404, $"The model `{requested}` does not exist.", "NotFoundError", "model");
        }

        return request.Path switch
        {
            "/v1/chat/completions" => await openAi.ChatAsync(binding, model, requested ?? model, body, OpenAiFlavor.Vllm, context, cancellationToken).ConfigureAwait(false),
            "/v1/completions" => await openAi.CompletionAsync(binding, model, requested ?? model, body, OpenAiFlavor.Vllm, context, cancellationToken).ConfigureAwait(false),
            _ when ModelFacts.Profile(model).Kind != ModelKind.Embedding =>
                OpenAiApi.Error(OpenAiFlavor.Vllm, 400, "The model does not support Embeddings API", "BadRequestError"),
            _ => await openAi.EmbeddingsAsync(binding, model, requested ?? model, body, OpenAiFlavor.Vllm, context, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Requests the engine runs at once; the rest wait in its queue. vLLM's own <c>max_num_seqs</c> is far larger; the
    /// device's concurrent streams stand in for it so that a busy server shows a queue the router can see.
    /// </summary>
    public static int BatchSize(ServiceBinding binding) => binding.Hardware.Profile.ConcurrentStreams;

    private static SimResponse Models(ServiceBinding binding, SimulationContext context)
    {
        var created = Serving.UnixSeconds(context.Clock.GetUtcNow());
        return JsonBody.Response(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var model in binding.Service.Models)
            {
                w.WriteStartObject();
                w.WriteString("id", model);
                w.WriteString("object", "model");
                w.WriteNumber("created", created);
                w.WriteString("owned_by", "vllm");
                w.WriteString("root", "/models/" + model);
                w.WriteNull("parent");
                w.WriteNumber("max_model_len", ModelFacts.TrainedContext(model));
                w.WriteStartArray("permission");
                w.WriteStartObject();
                w.WriteString("id", "modelperm-" + StableHash.Hex(StableHash.Of(context.Seed, binding.Key, model, created.ToString(CultureInfo.InvariantCulture)), 32));
                w.WriteString("object", "model_permission");
                w.WriteNumber("created", created);
                w.WriteBoolean("allow_create_engine", false);
                w.WriteBoolean("allow_sampling", true);
                w.WriteBoolean("allow_logprobs", true);
                w.WriteBoolean("allow_search_indices", false);
                w.WriteBoolean("allow_view", true);
                w.WriteBoolean("allow_fine_tuning", false);
                w.WriteString("organization", "*");
                w.WriteNull("group");
                w.WriteBoolean("is_blocking", false);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, "application/json");
    }

    private static PrometheusText Metrics(ServiceSnapshot snapshot)
    {
        var binding = snapshot.Binding;
        var batch = BatchSize(binding);
        var models = binding.Service.Models;
        var text = new PrometheusText();

        text.Family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.");
        foreach (var model in models)
        {
            text.Sample("vllm:num_requests_running", Labels(model), PrometheusText.PythonFloat(Math.Min(InFlight(snapshot, model), batch)));
        }

        text.Family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
        foreach (var model in models)
        {
            text.Sample("vllm:num_requests_waiting", Labels(model), PrometheusText.PythonFloat(Math.Max(0, InFlight(snapshot, model) - batch)));
        }

        text.Family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.");
        foreach (var model in models)
        {
            text.Sample("vllm:kv_cache_usage_perc", Labels(model), PrometheusText.PythonFloat(KvCacheUsage(snapshot, model, batch)));
        }

        Counter(text, snapshot, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", _ => 0);
        Counter(text, snapshot, "vllm:prompt_tokens", "Number of prefill tokens processed.", c => c.PromptTokens);
        Counter(text, snapshot, "vllm:generation_tokens", "Number of generation tokens processed.", c => c.GenerationTokens);

        text.Family("vllm:request_success_total", "counter", "Count of successfully processed requests.");
        foreach (var model in models)
        {
            var counters = snapshot.CountersOf(model);
            foreach (var (reason, value) in new[] { ("stop", counters.FinishedStop), ("length", counters.FinishedLength), ("abort", counters.Aborted) })
            {
                var labels = PrometheusText.Labels(("engine", "0"), ("finished_reason", reason), ("model_name", model));
                text.Sample("vllm:request_success_total", labels, PrometheusText.PythonFloat(value));
                text.Sample("vllm:request_success_created", labels, PrometheusText.PythonFloat(Created(snapshot)));
            }
        }

        return text;
    }

    private static void Counter(PrometheusText text, ServiceSnapshot snapshot, string name, string help, Func<ServiceCounters, long> value)
    {
        text.Family(name + "_total", "counter", help);
        foreach (var model in snapshot.Binding.Service.Models)
        {
            text.Sample(name + "_total", Labels(model), PrometheusText.PythonFloat(value(snapshot.CountersOf(model))));
            text.Sample(name + "_created", Labels(model), PrometheusText.PythonFloat(Created(snapshot)));
        }
    }

    private static string Labels(string model) => PrometheusText.Labels(("engine", "0"), ("model_name", model));

    private static double Created(ServiceSnapshot snapshot) => (snapshot.UpSince ?? snapshot.Now).ToUnixTimeMilliseconds() / 1000.0;

    private static int InFlight(ServiceSnapshot snapshot, string model) => snapshot.Requests.Count(r => r.Model == model);

    /// <summary>Tokens held by running requests over the tokens the KV cache holds (≈ 16 kB per token per billion parameters).</summary>
    private static double KvCacheUsage(ServiceSnapshot snapshot, string model, int batch)
    {
        var running = snapshot.Requests.Where(r => r.Model == model).OrderBy(r => r.StartedAt).Take(batch).ToList();
        if (running.Count == 0)
        {
            return 0;
        }

        var profile = ModelFacts.Profile(model);
        var kvGb = (snapshot.Models.FirstOrDefault(m => m.Name == model)?.SizeGb ?? profile.ServingMemoryGb) - profile.WeightsGb;
        var capacityTokens = Math.Max(1.0, kvGb * 1e9 / (16e3 * Math.Max(profile.ParametersBillions, 0.1)));
        var tokens = running.Sum(r => r.PromptTokens + Decoded(r, snapshot.Now));
        return Math.Round(Math.Min(1.0, tokens / capacityTokens), 6);
    }

    /// <summary>Tokens a request has generated so far.</summary>
    public static int Decoded(RequestRuntime request, DateTimeOffset now)
    {
        if (now <= request.DecodeStartsAt || request.OutputTokens == 0)
        {
            return 0;
        }

        var span = (request.EndsAt - request.DecodeStartsAt).Ticks;
        return span <= 0 ? request.OutputTokens : (int)Math.Min(request.OutputTokens, (now - request.DecodeStartsAt).Ticks * request.OutputTokens / span);
    }
}
