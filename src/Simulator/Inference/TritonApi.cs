namespace PveAgent.Simulator.Inference;

/// <summary>NVIDIA Triton's KServe v2 health endpoints: server and per-model readiness (no inference is simulated).</summary>
internal sealed class TritonApi(InferenceWorld world)
{
    private const string Json = "application/json";

    public Task<SimResponse> HandleAsync(ServiceBinding binding, SimRequest request, SimulationContext context)
    {
        var snapshot = world.Observe(binding, context);
        if (request.Method != "GET")
        {
            return Task.FromResult(Error(400, "Not Found"));
        }

        if (request.Path == "/v2/health/live")
        {
            return Task.FromResult(Empty(200));
        }

        if (request.Path == "/v2/health/ready")
        {
            return Task.FromResult(Empty(snapshot.AllReady ? 200 : 400));
        }

        if (request.Path == "/v2")
        {
            return Task.FromResult(JsonBody.Response(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("name", "triton");
                w.WriteString("version", "2.59.0");
                w.WriteStartArray("extensions");
                foreach (var extension in (string[])["classification", "sequence", "model_repository", "schedule_policy", "model_configuration", "system_shared_memory", "cuda_shared_memory", "binary_tensor_data", "statistics", "trace", "logging"])
                {
                    w.WriteStringValue(extension);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }, Json));
        }

        // /v2/models/{name}[/versions/{v}][/ready]
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 3 && segments[0] == "v2" && segments[1] == "models")
        {
            var name = Uri.UnescapeDataString(segments[2]);
            var model = snapshot.Models.FirstOrDefault(m => m.Name == name);
            if (!binding.Service.Models.Contains(name))
            {
                return Task.FromResult(Error(400, $"Request for unknown model: '{name}' is not found"));
            }

            if (segments[^1] == "ready")
            {
                return Task.FromResult(Empty(model is not null && model.ReadyAt <= snapshot.Now ? 200 : 400));
            }

            return Task.FromResult(JsonBody.Response(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteStartArray("versions");
                w.WriteStringValue("1");
                w.WriteEndArray();
                w.WriteString("platform", "onnxruntime_onnx");
                w.WriteStartArray("inputs");
                w.WriteEndArray();
                w.WriteStartArray("outputs");
                w.WriteEndArray();
                w.WriteEndObject();
            }, Json));
        }

        return Task.FromResult(Error(400, "Not Found"));
    }

    private static SimResponse Empty(int status) => new() { Status = status, ContentType = "text/plain" };

    private static SimResponse Error(int status, string message) =>
        JsonBody.Response(status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }, Json);
}
