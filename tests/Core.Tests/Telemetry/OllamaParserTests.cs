using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class OllamaParserTests
{
    [Fact]
    public void ParseLoadedModels_DocsExample_ReadsSizesExpiryAndDetails()
    {
        var result = OllamaParser.ParseLoadedModels(Fixture.Shared("ollama", "ps_response.json"));

        Assert.True(result.Succeeded);
        var model = Assert.Single(result.Value);
        Assert.Equal("mistral:latest", model.Name);
        Assert.Equal(5_137_025_024, model.SizeBytes);
        Assert.Equal(5_137_025_024, model.VramBytes);
        Assert.Equal(1.0, model.GpuFraction);
        Assert.Equal(new DateTimeOffset(2024, 6, 4, 14, 38, 31, TimeSpan.FromHours(-7)).AddTicks(8_375_300), model.ExpiresAt);
        Assert.Null(model.ContextLength);
        Assert.Equal("7.2B", model.ParameterSize);
        Assert.Equal("Q4_0", model.QuantizationLevel);
    }

    [Fact]
    public void ParseLoadedModels_OpenApiExample_ReadsContextLengthAndPartialOffload()
    {
        var model = Assert.Single(OllamaParser.ParseLoadedModels(Fixture.Shared("ollama", "ps_response_openapi_DERIVED.json")).Value!);

        Assert.Equal("gemma4", model.Name);
        Assert.Equal(4096, model.ContextLength);
        Assert.Equal(5_333_539_264.0 / 6_591_830_464.0, model.GpuFraction!.Value, 9);
    }

    [Fact]
    public void ParseLoadedModels_EmptyList_IsNoModels()
    {
        var result = OllamaParser.ParseLoadedModels("""{"models":[]}""");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value);
    }

    [Fact]
    public void ParseInstalledModels_DocsExample_ReadsNamesAndNanosecondTimestamps()
    {
        var models = OllamaParser.ParseInstalledModels(Fixture.Shared("ollama", "tags_response.json")).Value!;

        Assert.Equal(["deepseek-r1:latest", "llama3.2:latest"], models.Select(m => m.Name));
        Assert.Equal(new DateTimeOffset(2025, 5, 10, 8, 6, 48, TimeSpan.FromHours(-7)).AddTicks(6_397_126), models[0].ModifiedAt);
        Assert.Equal("qwen2", models[0].Family);
        Assert.Equal(2_019_393_189, models[1].SizeBytes);
        Assert.Equal("3.2B", models[1].ParameterSize);
    }

    [Fact]
    public void ParseInstalledModels_OpenApiExampleWithoutParentModel_IsRead()
    {
        var model = Assert.Single(OllamaParser.ParseInstalledModels(Fixture.Shared("ollama", "tags_response_openapi_DERIVED.json")).Value!);

        Assert.Equal("gemma4", model.Name);
        Assert.Equal(9_608_350_245, model.SizeBytes);
        Assert.Equal("Q4_K_M", model.QuantizationLevel);
    }

    [Fact]
    public void ParseVersion_DocsExample_IsTheVersionString()
    {
        Assert.Equal("0.5.1", OllamaParser.ParseVersion(Fixture.Shared("ollama", "version_response.json")).Value);
    }

    [Fact]
    public void ReadError_EveryRealErrorBody_YieldsItsMessage()
    {
        var bodies = Fixture.Shared("ollama", "errors_REAL_and_source.txt").Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.Contains('{', StringComparison.Ordinal) && !l.StartsWith('#') ? l[l.IndexOf('{', StringComparison.Ordinal)..] : null)
            .Where(l => l is not null && l.StartsWith("{\"error\"", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(14, bodies.Count);
        Assert.All(bodies, b => Assert.False(string.IsNullOrEmpty(OllamaParser.ReadError(b!))));
        Assert.Contains("registry.ollama.ai/library/gemma3:4b does not support tools", bodies.Select(b => OllamaParser.ReadError(b!)));
        Assert.Contains("model \"llama2\" not found, try pulling it first", bodies.Select(b => OllamaParser.ReadError(b!)));
    }

    [Fact]
    public void ParseLoadedModels_ErrorBody_IsServiceErrorWithTheMessage()
    {
        var result = OllamaParser.ParseLoadedModels("""{"error":"model is overloaded"}""");

        Assert.Equal(TelemetryFailureKind.ServiceError, result.Failure!.Kind);
        Assert.EndsWith("model is overloaded", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLoadedModels_AnotherServersBody_SaysItIsNotOllama()
    {
        var result = OllamaParser.ParseLoadedModels(Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"));

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.Contains("is this an Ollama server?", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLoadedModels_MidStreamErrorLines_AreNotAModelList()
    {
        var result = OllamaParser.ParseLoadedModels(Fixture.Shared("ollama", "errors_midstream_ndjson_docs.ndjson"));

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
    }
}
