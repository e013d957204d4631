using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class OpenAiModelsParserTests
{
    [Fact]
    public void Parse_VllmModelCard_ReadsIdRootAndMaxModelLength()
    {
        var model = Assert.Single(OpenAiModelsParser.Parse(Fixture.Shared("openai", "vllm_v1_models_DERIVED_from_issue-11761.json")).Value!);

        Assert.Equal("b", model.Id);
        Assert.Equal("vllm", model.OwnedBy);
        Assert.Equal("/llm_models/BaseModel/llama/Llama-2-7b-chat-hf", model.Root);
        Assert.Null(model.Parent);
        Assert.False(model.IsAdapter);
        Assert.Equal(4096, model.MaxModelLength);
    }

    [Fact]
    public void Parse_VllmWithLoraAdapters_ListsEveryEntrySharingTheBaseRoot()
    {
        var json = TruncatedJson.Repair(Fixture.Shared("openai", "vllm_v1_models_issue-11761_EXCERPT.txt"));

        var models = OpenAiModelsParser.Parse(json).Value!;

        Assert.Equal(["b", "ase"], models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("/llm_models/BaseModel/llama/Llama-2-7b-chat-hf", m.Root));
    }

    [Fact]
    public void Parse_VllmLoraModule_IsListedWithTheBasePathAsRoot()
    {
        // The author elided the permission object with "....."; drop that line, keep everything else.
        var excerpt = Fixture.Shared("openai", "vllm_v1_models_issue-6274_lora_EXCERPT.txt").Replace(".....", string.Empty, StringComparison.Ordinal);

        var models = OpenAiModelsParser.Parse(TruncatedJson.Repair(Fixture.WithoutCommentLines(excerpt))).Value!;

        Assert.Equal(["/workspace/meta-llama/Llama-2-7b-hf", "sql-lora"], models.Select(m => m.Id));
        Assert.Equal("/workspace/meta-llama/Llama-2-7b-hf", models[1].Root);
    }

    [Fact]
    public void Parse_VllmCardFragment_ReadsMaxModelLength()
    {
        // The ** around max_model_len are the reporter's emphasis, not server output.
        var fragment = Fixture.WithoutCommentLines(Fixture.Shared("openai", "vllm_v1_models_issue-5959_EXCERPT.txt"))
            .Replace("**", string.Empty, StringComparison.Ordinal);

        var model = Assert.Single(OpenAiModelsParser.Parse($$"""{"object": "list", "data": [{ {{fragment}} }]}""").Value!);

        Assert.Equal("meta-llama/Meta-Llama-3-8B-Instruct", model.Id);
        Assert.Equal(8192, model.MaxModelLength);
    }

    [Fact]
    public void Parse_LlamaCppSingleModel_ReadsMeta()
    {
        var model = Assert.Single(OpenAiModelsParser.Parse(Fixture.Shared("openai", "llamacpp_v1_models_README.json")).Value!);

        Assert.Equal("../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", model.Id);
        Assert.Equal("llamacpp", model.OwnedBy);
        Assert.Equal(131072, model.TrainedContextLength);
        Assert.Equal(8_030_261_312, model.ParameterCount);
        Assert.Equal(4_912_898_304, model.SizeBytes);
        Assert.Empty(model.InputModalities);
    }

    [Fact]
    public void Parse_LlamaCppWithArchitecture_ReadsModalities()
    {
        var model = Assert.Single(OpenAiModelsParser.Parse(Fixture.Shared("openai", "llamacpp_v1_models_README_with_architecture.json")).Value!);

        Assert.Equal(["text"], model.InputModalities);
        Assert.Equal(["text"], model.OutputModalities);
    }

    [Fact]
    public void Parse_VllmFlatErrorBody_IsServiceErrorWithItsMessage()
    {
        var line = Fixture.Shared("openai", "vllm_error_bodies_REAL.txt").Split('\n').First(l => l.StartsWith("{\"object\":\"error\"", StringComparison.Ordinal));

        var result = OpenAiModelsParser.Parse(line);

        Assert.Equal(TelemetryFailureKind.ServiceError, result.Failure!.Kind);
        Assert.Contains("\"auto\" tool choice requires --enable-auto-tool-choice", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LlamaCppNestedErrorBody_IsServiceErrorWithItsMessage()
    {
        var result = OpenAiModelsParser.Parse(Fixture.Shared("openai", "llamacpp_error_invalid_api_key_README.json"));

        Assert.Equal(TelemetryFailureKind.ServiceError, result.Failure!.Kind);
        Assert.EndsWith("Invalid API Key", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OllamaTagsBody_IsNotAnOpenAiModelList()
    {
        var result = OpenAiModelsParser.Parse(Fixture.Shared("ollama", "tags_response.json"));

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.Contains("no \"data\" list", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HtmlPage_IsMalformedOutput()
    {
        Assert.Equal(TelemetryFailureKind.MalformedOutput, OpenAiModelsParser.Parse("<html>502 Bad Gateway</html>").Failure!.Kind);
    }
}
