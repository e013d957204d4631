using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class LlamaCppParserTests
{
    [Fact]
    public void ParseHealth_503WhileLoading_IsLoadingWithTheServerMessage()
    {
        var health = LlamaCppParser.ParseHealth(503, Fixture.Shared("openai", "llamacpp_health_README.json"));

        Assert.Equal(LlamaCppHealthStatus.Loading, health.Status);
        Assert.Equal("Loading model", health.Message);
        Assert.False(health.IsReady);
    }

    [Fact]
    public void ParseHealth_200Ok_IsReady()
    {
        var health = LlamaCppParser.ParseHealth(200, Fixture.Shared("openai", "llamacpp_health_ok_README.json"));

        Assert.Equal(LlamaCppHealthStatus.Ok, health.Status);
        Assert.True(health.IsReady);
    }

    [Fact]
    public void ParseHealth_OtherStatus_IsErrorNamingIt()
    {
        var health = LlamaCppParser.ParseHealth(500, string.Empty);

        Assert.Equal(LlamaCppHealthStatus.Error, health.Status);
        Assert.Equal("HTTP 500", health.Message);
    }

    [Fact]
    public void ParseRouterModels_ReadmeExample_IsLoadedAndWarm()
    {
        // The README block is JSONC: comments, and a "..." line standing for omitted members.
        var jsonc = Fixture.Shared("openai", "llamacpp_router_models_README_EXCERPT.jsonc");
        var json = string.Join('\n', jsonc.Split('\n').Where(l => l.Trim() != "..."));

        var model = Assert.Single(LlamaCppParser.ParseRouterModels(json).Value!);

        Assert.Equal("ggml-org/gemma-3-4b-it-GGUF:Q4_K_M", model.Id);
        Assert.Equal("/Users/REDACTED/Library/Caches/llama.cpp/ggml-org_gemma-3-4b-it-GGUF_gemma-3-4b-it-Q4_K_M.gguf", model.Path);
        Assert.Equal(LlamaCppModelStatus.Loaded, model.Status);
        Assert.True(model.IsWarm);
    }

    [Fact]
    public void ParseRouterModels_EveryDocumentedStatus_IsRecognised()
    {
        var variants = Fixture.Shared("openai", "llamacpp_router_models_README_EXCERPT.jsonc").Split('\n')
            .Where(l => l.StartsWith("// {\"value\"", StringComparison.Ordinal))
            .Select(l => l[3..].Trim())
            .ToList();
        var json = $$"""{"data": [{{string.Join(", ", variants.Select((v, i) => $$"""{"id": "m{{i}}", "status": {{v}}}"""))}}]}""";

        var models = LlamaCppParser.ParseRouterModels(json).Value!;

        Assert.Equal(
            [LlamaCppModelStatus.Unloaded, LlamaCppModelStatus.Loading, LlamaCppModelStatus.Unloaded, LlamaCppModelStatus.Loaded, LlamaCppModelStatus.Sleeping, LlamaCppModelStatus.Downloading],
            models.Select(m => m.Status));
        Assert.Equal([false, false, true, false, false, false], models.Select(m => m.Failed));
        Assert.Equal(1, models[2].ExitCode);
        Assert.Equal(195_963_406.0 / 219_307_424.0, models[5].DownloadProgress!.Value, 9);
        Assert.Equal([false, false, false, true, false, false], models.Select(m => m.IsWarm));
    }

    [Fact]
    public void ParseRouterModels_DecisionModelExample_IsUnloaded()
    {
        var model = Assert.Single(LlamaCppParser.ParseRouterModels(Fixture.Shared("openai", "llamacpp_router_models_decision_model_README.json")).Value!);

        Assert.Equal("my-decision-model", model.Id);
        Assert.Equal(LlamaCppModelStatus.Unloaded, model.Status);
        Assert.False(model.IsWarm);
    }

    [Fact]
    public void ParseRouterModels_SingleModelServerList_HasNoStatus()
    {
        var model = Assert.Single(LlamaCppParser.ParseRouterModels(Fixture.Shared("openai", "llamacpp_v1_models_README.json")).Value!);

        Assert.Null(model.RawStatus);
        Assert.Equal(LlamaCppModelStatus.Unknown, model.Status);
    }

    [Fact]
    public void ParseSlots_TwoSlotsExample_CountsProcessingSlots()
    {
        var slots = LlamaCppParser.ParseSlots(Fixture.Shared("openai", "llamacpp_slots_README_2slots.json")).Value!;

        Assert.Equal(2, slots.Total);
        Assert.Equal(2, slots.Busy);
        Assert.Equal(65536, slots.ContextSize);
        Assert.Equal(1.0, slots.Utilization);
    }

    [Fact]
    public void ParseSlots_OlderStateField_CountsNonZeroStatesAsBusy()
    {
        var slots = LlamaCppParser.ParseSlots("""[{"id":0,"state":1,"n_ctx":4096},{"id":1,"state":0,"n_ctx":4096}]""").Value!;

        Assert.Equal(1, slots.Busy);
        Assert.Equal(0.5, slots.Utilization);
    }

    [Fact]
    public void ParseSlots_DisabledEndpointErrorBody_IsServiceError()
    {
        var result = LlamaCppParser.ParseSlots(Fixture.Shared("openai", "llamacpp_error_metrics_disabled_README.json"));

        Assert.Equal(TelemetryFailureKind.ServiceError, result.Failure!.Kind);
        Assert.Contains("does not support metrics endpoint", result.Failure.Message, StringComparison.Ordinal);
    }
}
