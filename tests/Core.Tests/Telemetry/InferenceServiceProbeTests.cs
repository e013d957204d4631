using System.Net;
using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class InferenceServiceProbeTests
{
    private static readonly Uri OllamaUrl = new("http://192.168.0.183:11434/");
    private static readonly Uri VllmUrl = new("http://192.168.0.183:8000/");
    private static readonly Uri LlamaUrl = new("http://192.168.0.103:8080/");

    private static InferenceServiceProbe Probe(StubHttpHandler stub, TimeProvider? time = null) =>
        new(new HttpClient(stub), new InferenceProbeOptions(), time);

    private static string RouterModelsJson() =>
        string.Join('\n', Fixture.Shared("openai", "llamacpp_router_models_README_EXCERPT.jsonc").Split('\n').Where(l => l.Trim() != "..."));

    [Fact]
    public async Task Ollama_ReportsVersionWarmModelsAndInstalledModels()
    {
        var stub = new StubHttpHandler()
            .Serve("/api/version", Fixture.Shared("ollama", "version_response.json"))
            .Serve("/api/ps", Fixture.Shared("ollama", "ps_response.json"))
            .Serve("/api/tags", Fixture.Shared("ollama", "tags_response.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.Ollama, OllamaUrl);

        Assert.True(result.Reachable);
        Assert.True(result.Ready);
        Assert.Null(result.Error);
        Assert.Empty(result.Warnings);
        Assert.Equal("0.5.1", result.Version);
        var warm = Assert.Single(result.Loaded);
        Assert.Equal("mistral:latest", warm.Name);
        Assert.Equal(5_137_025_024, warm.VramBytes);
        Assert.Equal(new DateTimeOffset(2024, 6, 4, 14, 38, 31, TimeSpan.FromHours(-7)).AddTicks(8_375_300), warm.ExpiresAt);
        Assert.Equal(["deepseek-r1:latest", "llama3.2:latest"], result.Available);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Ollama_NothingLoaded_IsReachableWithNoWarmModel()
    {
        var stub = new StubHttpHandler()
            .Serve("/api/version", Fixture.Shared("ollama", "version_response.json"))
            .Serve("/api/ps", """{"models":[]}""")
            .Serve("/api/tags", Fixture.Shared("ollama", "tags_response_openapi_DERIVED.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.Ollama, OllamaUrl);

        Assert.True(result.Reachable);
        Assert.Empty(result.Loaded);
        Assert.Equal(["gemma4"], result.Available);
    }

    [Fact]
    public async Task Ollama_Down_IsUnreachableWithTheReason()
    {
        var stub = new StubHttpHandler().Refuse("/api/version").Refuse("/api/ps").Refuse("/api/tags");

        var result = await Probe(stub).ProbeAsync(ServiceKind.Ollama, OllamaUrl);

        Assert.False(result.Reachable);
        Assert.Equal(
            "Ollama at http://192.168.0.183:11434/ is unreachable (Connection refused (192.0.2.1:8000)): is the service (or the guest hosting it) running?",
            result.Error);
    }

    [Fact]
    public async Task Ollama_SomethingElseOnThePort_SaysItIsNotOllama()
    {
        var result = await Probe(new StubHttpHandler()).ProbeAsync(ServiceKind.Ollama, OllamaUrl);

        Assert.True(result.Reachable);
        Assert.Equal("Ollama /api/ps answered HTTP 404: is this an Ollama server?", result.Error);
        Assert.Equal(2, result.Warnings.Count);
    }

    [Fact]
    public async Task Vllm_EveryListedModelIsWarmAndMetricsGiveTheLoad()
    {
        var stub = new StubHttpHandler()
            .Serve("/v1/models", Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"))
            .Serve("/metrics", HttpStatusCode.OK, Fixture.Shared("vllm", "metrics_issue_production-stack-318_EXCERPT.prom"), "text/plain");

        var result = await Probe(stub).ProbeAsync(ServiceKind.Vllm, VllmUrl);

        Assert.True(result.Ready);
        var warm = Assert.Single(result.Loaded);
        Assert.Equal("b", warm.Name);
        Assert.Equal(4096, warm.ContextLength);
        Assert.Equal(["b"], result.Available);
        Assert.Equal(0.0, result.RequestsRunning);
        Assert.Equal(0.0, result.RequestsWaiting);
        Assert.Equal(0.0, result.KvCacheUsage);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Vllm_MetricsDeclaredWithoutSamples_LeavesLoadUnknownWithAWarning()
    {
        var stub = new StubHttpHandler()
            .Serve("/v1/models", Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"))
            .Serve("/metrics", HttpStatusCode.OK, Fixture.Shared("vllm", "metrics_issue_functionary-263_declared_but_no_samples_EXCERPT.prom"), "text/plain");

        var result = await Probe(stub).ProbeAsync(ServiceKind.Vllm, VllmUrl);

        Assert.Null(result.RequestsRunning);
        Assert.Null(result.KvCacheUsage);
        Assert.Contains("load unknown", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task Vllm_ApiKeyRequired_SaysSo()
    {
        var stub = new StubHttpHandler().Serve("/v1/models", HttpStatusCode.Unauthorized, """{"error":"Unauthorized"}""");

        var result = await Probe(stub).ProbeAsync(ServiceKind.Vllm, VllmUrl);

        Assert.True(result.Reachable);
        Assert.Equal("vLLM /v1/models answered HTTP 401 (Unauthorized): the server requires an API key (--api-key).", result.Error);
        Assert.Empty(result.Loaded);
    }

    [Fact]
    public async Task LlamaCpp_ReadyServer_ReportsItsModelAndBusySlots()
    {
        var models = Fixture.Shared("openai", "llamacpp_v1_models_README.json");
        var stub = new StubHttpHandler()
            .Serve("/health", Fixture.Shared("openai", "llamacpp_health_ok_README.json"))
            .Serve("/v1/models", models)
            .Serve("/models", models)
            .Serve("/slots", Fixture.Shared("openai", "llamacpp_slots_README_2slots.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.LlamaCpp, LlamaUrl);

        Assert.True(result.Ready);
        var warm = Assert.Single(result.Loaded);
        Assert.Equal("../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", warm.Name);
        Assert.Equal(4_912_898_304, warm.SizeBytes);
        Assert.Equal(131072, warm.ContextLength);
        Assert.Equal(2.0, result.RequestsRunning);
        Assert.Equal(2, result.Slots);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task LlamaCpp_StillLoading_IsNotReadyAndNothingIsWarm()
    {
        var stub = new StubHttpHandler()
            .Serve("/health", HttpStatusCode.ServiceUnavailable, Fixture.Shared("openai", "llamacpp_health_README.json"))
            .Serve("/v1/models", Fixture.Shared("openai", "llamacpp_v1_models_README.json"))
            .Serve("/slots", Fixture.Shared("openai", "llamacpp_slots_README_2slots.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.LlamaCpp, LlamaUrl);

        Assert.True(result.Reachable);
        Assert.False(result.Ready);
        Assert.Empty(result.Loaded);
        Assert.Equal(["../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"], result.Available);
        Assert.Contains(result.Warnings, w => w.Contains("still loading its model (Loading model)", StringComparison.Ordinal));
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task LlamaCpp_RouterMode_WarmModelsComeFromTheirStatus()
    {
        var stub = new StubHttpHandler()
            .Serve("/health", Fixture.Shared("openai", "llamacpp_health_ok_README.json"))
            .Serve("/v1/models", RouterModelsJson())
            .Serve("/models", RouterModelsJson())
            .Serve("/slots", HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"model name is missing from the request","type":"invalid_request_error"}}""")
            .Serve("/metrics", HttpStatusCode.NotImplemented, Fixture.Shared("openai", "llamacpp_error_metrics_disabled_README.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.LlamaCpp, LlamaUrl);

        Assert.Equal(["ggml-org/gemma-3-4b-it-GGUF:Q4_K_M"], result.Loaded.Select(m => m.Name));
        Assert.Equal(["ggml-org/gemma-3-4b-it-GGUF:Q4_K_M"], result.Available);
        Assert.Null(result.RequestsRunning);
        Assert.Contains(result.Warnings, w => w.Contains("exposes neither /slots nor /metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LlamaCpp_RouterWithUnloadedModel_HasItAvailableButNotWarm()
    {
        var list = Fixture.Shared("openai", "llamacpp_router_models_decision_model_README.json");
        var stub = new StubHttpHandler()
            .Serve("/health", Fixture.Shared("openai", "llamacpp_health_ok_README.json"))
            .Serve("/v1/models", list)
            .Serve("/models", list);

        var result = await Probe(stub).ProbeAsync(ServiceKind.LlamaCpp, LlamaUrl);

        Assert.Empty(result.Loaded);
        Assert.Equal(["my-decision-model"], result.Available);
    }

    [Fact]
    public async Task LlamaCpp_SlotsDisabledButMetricsOn_ReadsTheGauges()
    {
        // No verbatim llama.cpp /metrics exists; the gauge names are checked against its README in LlamaCppMetricsTests.
        var stub = new StubHttpHandler()
            .Serve("/health", Fixture.Shared("openai", "llamacpp_health_ok_README.json"))
            .Serve("/v1/models", Fixture.Shared("openai", "llamacpp_v1_models_README.json"))
            .Serve("/slots", HttpStatusCode.NotImplemented, """{"error":{"code":501,"message":"This server does not support slots endpoint.","type":"not_supported_error"}}""")
            .Serve("/metrics", HttpStatusCode.OK, "llamacpp:requests_processing 1\nllamacpp:requests_deferred 3\n", "text/plain");

        var result = await Probe(stub).ProbeAsync(ServiceKind.LlamaCpp, LlamaUrl);

        Assert.Equal(1.0, result.RequestsRunning);
        Assert.Equal(3.0, result.RequestsWaiting);
        Assert.Null(result.Slots);
    }

    [Fact]
    public async Task Whisper_ModelList_IsAvailableButSaysNothingAboutWarmth()
    {
        var stub = new StubHttpHandler().Serve("/v1/models", Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"));

        var result = await Probe(stub).ProbeAsync(ServiceKind.Whisper, new Uri("http://192.168.0.150:9000"));

        Assert.True(result.Reachable);
        Assert.Equal(["b"], result.Available);
        Assert.Empty(result.Loaded);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Whisper_WithoutModelList_FallsBackToReachableOnly()
    {
        var result = await Probe(new StubHttpHandler()).ProbeAsync(ServiceKind.Whisper, new Uri("http://192.168.0.150:9000"));

        Assert.True(result.Reachable);
        Assert.Null(result.Error);
        Assert.Contains("only reachability is known", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public async Task Triton_ReadyEndpoint_SetsReady(HttpStatusCode status, bool ready)
    {
        var stub = new StubHttpHandler().Serve("/v2/health/ready", status, string.Empty);

        var result = await Probe(stub).ProbeAsync(ServiceKind.Triton, new Uri("http://10.0.0.9:8000/"));

        Assert.True(result.Reachable);
        Assert.Equal(ready, result.Ready);
        Assert.Equal(ready ? 0 : 1, result.Warnings.Count);
    }

    [Fact]
    public async Task Probe_ServerThatNeverAnswers_TimesOutAfterTwoSecondsOnTheInjectedClock()
    {
        var arrived = new TaskCompletionSource();
        var stub = new StubHttpHandler().Hang("/v1/models", arrived).Hang("/metrics", new TaskCompletionSource());
        var time = new SignallingTimeProvider();

        var probe = Probe(stub, time).ProbeAsync(ServiceKind.Vllm, VllmUrl);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await time.TimerCreated;
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await probe.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(result.Reachable);
        Assert.Equal("vLLM at http://192.168.0.183:8000/ did not answer within 2 s.", result.Error);
    }

    [Fact]
    public async Task Probe_CancelledByTheCaller_Throws()
    {
        var arrived = new TaskCompletionSource();
        var stub = new StubHttpHandler().Hang("/v2/health/ready", arrived);
        using var cancellation = new CancellationTokenSource();

        var probe = Probe(stub).ProbeAsync(ServiceKind.Triton, new Uri("http://10.0.0.9:8000/"), cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ProbeAll_ProbesEveryRegistryServiceAndKeepsRegistryOrder()
    {
        var stub = new StubHttpHandler()
            .Serve("/v1/models", Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"))
            .Serve("/api/version", Fixture.Shared("ollama", "version_response.json"))
            .Serve("/api/ps", Fixture.Shared("ollama", "ps_response.json"))
            .Serve("/api/tags", Fixture.Shared("ollama", "tags_response.json"));
        NodeConfig[] nodes =
        [
            Some.Node(services: [Some.Service(ServiceKind.Vllm, 8000), Some.Service(ServiceKind.Ollama, 11434)]),
            Some.Node(name: "edge-tt", host: "192.168.0.150", services: [Some.Service(ServiceKind.Whisper, 9000)]),
        ];

        var results = await Probe(stub).ProbeAllAsync(nodes);

        Assert.Equal([("brian", "vllm"), ("brian", "ollama"), ("edge-tt", "whisper")], results.Select(r => (r.Node!, r.Service!)));
        Assert.Equal(
            ["http://192.168.0.183:8000/", "http://192.168.0.183:11434/", "http://192.168.0.150:9000/"],
            results.Select(r => r.Url.AbsoluteUri));
        Assert.All(results, r => Assert.True(r.Reachable));
        Assert.Equal("mistral:latest", Assert.Single(results[1].Loaded).Name);
    }

    [Fact]
    public void ResolveUrl_ExplicitUrlWinsAndIpv6HostsAreBracketed()
    {
        var service = Some.Service(ServiceKind.Vllm, 8000);

        Assert.Equal(new Uri("https://llm.lab/api/"), InferenceServiceProbe.ResolveUrl(Some.Node(), service with { Url = new Uri("https://llm.lab/api/") }));
        Assert.Equal("http://[fd00::5]:8000/", InferenceServiceProbe.ResolveUrl(Some.Node(host: "fd00::5"), service).AbsoluteUri);
    }

    [Fact]
    public void Options_TimeoutOutOfRange_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceProbeOptions { Timeout = TimeSpan.FromMilliseconds(10) });
    }
}
