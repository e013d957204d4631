using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Connectors;

public sealed class OllamaModelCatalogTests : IAsyncLifetime
{
    private FakeOllamaServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOllamaServer.StartAsync();
        _http = Some.HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private OllamaModelCatalog Catalog() => new(_http, _server.Endpoint);

    // /api/show has no captured sample in the fixtures; the fields are ShowResponse's in api/types.go (NOTES §1).
    private const string ShowWithTools = """
        {"details":{"family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"},
         "model_info":{"general.architecture":"llama","llama.context_length":131072},
         "capabilities":["completion","tools"]}
        """;

    [Fact]
    public async Task ListModels_TagsFixture_ReadsNamesAndDetails()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));

        var models = await Catalog().ListModelsAsync();

        Assert.Equal(["deepseek-r1:latest", "llama3.2:latest"], models.Select(m => m.Name));
        Assert.Equal(new OllamaModelInfo("llama3.2:latest", 2019393189, "llama", "3.2B", "Q4_K_M", null), models[1]);
    }

    [Fact]
    public async Task CheckModel_NameWithoutTag_ResolvesToLatestAndReadsCapabilities()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));
        _server.Enqueue("/api/show", ShowWithTools);

        var check = await Catalog().CheckModelAsync("llama3.2");

        Assert.True(check.IsUsable);
        Assert.Equal("llama3.2:latest", check.InstalledName);
        Assert.True(check.SupportsTools);
        Assert.Equal(131072, check.ContextLength);
        Assert.Equal("llama3.2:latest", _server.Server.Requests[^1].Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CheckModel_NotPulled_IsAProblemNamingThePullCommand()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));

        var check = await Catalog().CheckModelAsync("qwen2.5:7b");

        Assert.False(check.IsPulled);
        Assert.Contains("run `ollama pull qwen2.5:7b`", check.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Server.Requests, r => r.Path == "/api/show");
    }

    [Fact]
    public async Task CheckModel_WithoutToolsCapability_IsAProblemNamingToolModels()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));
        _server.Enqueue("/api/show", """{"capabilities":["completion","thinking"]}""");

        var check = await Catalog().CheckModelAsync("deepseek-r1");

        Assert.False(check.SupportsTools);
        Assert.Contains("cannot call tools (its capabilities: completion, thinking)", check.Problem, StringComparison.Ordinal);
        Assert.Contains("qwen2.5", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckModel_ToolsNotRequired_AcceptsModelWithoutTools()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));
        _server.Enqueue("/api/show", """{"capabilities":["completion"]}""");

        var check = await Catalog().CheckModelAsync("deepseek-r1", requireTools: false);

        Assert.True(check.IsUsable);
    }

    [Fact]
    public async Task CheckModel_ServerWithoutCapabilities_LeavesToolSupportUnknown()
    {
        _server.Enqueue("/api/tags", FakeOllamaServer.Fixture("tags_response.json"));
        _server.Enqueue("/api/show", """{"details":{"family":"llama"}}""");

        var check = await Catalog().CheckModelAsync("llama3.2");

        Assert.Null(check.SupportsTools);
        Assert.True(check.IsUsable);
    }

    [Fact]
    public async Task ListModels_NothingListening_SaysStartOllama()
    {
        var error = await Assert.ThrowsAsync<LlmException>(() => new OllamaModelCatalog(_http, ClosedPort.Loopback()).ListModelsAsync());

        Assert.Equal(LlmErrorKind.Unreachable, error.Kind);
        Assert.Contains("start it with `ollama serve`", error.Message, StringComparison.Ordinal);
    }
}
