using Microsoft.Extensions.AI;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Connectors;

public sealed class OpenAICompatibleChatClientErrorTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-9f8e7d6c5b4a";

    private FakeOpenAIServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAIServer.StartAsync();
        _http = Some.HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private OpenAICompatibleChatClient Client(Uri? endpoint = null) =>
        new(_http, new OpenAICompatibleChatClientOptions { Endpoint = endpoint ?? _server.Endpoint, DefaultModel = "qwen", ApiKey = ApiKey });

    /// <summary>The vLLM bodies in vllm_error_bodies_REAL.txt: the flat one verbatim, the nested one transcribed from its Python repr.</summary>
    private static string VllmAutoToolChoice(bool nested)
    {
        var text = FakeOpenAIServer.Fixture("vllm_error_bodies_REAL.txt");
        var flat = text.Split('\n').Single(l => l.StartsWith("{\"object\":\"error\"", StringComparison.Ordinal));
        var error = Some.Json(flat);
        return nested
            ? "{\"error\":{\"message\":" + System.Text.Json.JsonSerializer.Serialize(error.GetProperty("message").GetString()) + ",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}"
            : flat;
    }

    private async Task<LlmException> FailAsync(string body, int status)
    {
        _server.EnqueueChat(body, status);
        return await Assert.ThrowsAsync<LlmException>(() => Client().GetResponseAsync("hi", new ChatOptions { Tools = [Some.WeatherTool()] }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_VllmWithoutAutoToolChoice_ExplainsFlagsAndParsers(bool nested)
    {
        var error = await FailAsync(VllmAutoToolChoice(nested), 400);

        Assert.Equal(LlmErrorKind.ServerMisconfigured, error.Kind);
        Assert.Contains("--enable-auto-tool-choice --tool-call-parser <parser>", error.Message, StringComparison.Ordinal);
        Assert.Contains("hermes (Qwen2.5, QwQ, Hermes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("llama3_json or pythonic (Llama 3.x)", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set", error.ServerMessage);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task GetResponse_LlamaCppInvalidApiKey_IsAuthenticationFailedWithoutTheKey()
    {
        var error = await FailAsync(FakeOpenAIServer.Fixture("llamacpp_error_invalid_api_key_README.json"), 401);

        Assert.Equal(LlmErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("Invalid API Key", error.ServerMessage);
        Assert.Contains("--api-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_LlamaCppBadGrammar_IsInvalidRequestWithServerText()
    {
        var error = await FailAsync(FakeOpenAIServer.Fixture("llamacpp_error_invalid_grammar_README.json"), 400);

        Assert.Equal(LlmErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("Failed to parse grammar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_LlamaCppLoadingModel_IsUnavailable()
    {
        var error = await FailAsync(FakeOpenAIServer.Fixture("llamacpp_health_README.json"), 503);

        Assert.Equal(LlmErrorKind.Unavailable, error.Kind);
        Assert.Equal("Loading model", error.ServerMessage);
        Assert.Contains("Try again shortly", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // llama.cpp ≥ PR #15780, verbatim from oobabooga/textgen#7257.
    [InlineData(400, """{"error":{"code":400,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"exceed_context_size_error","n_prompt_tokens":14429,"n_ctx":8192}}""")]
    // Older llama.cpp, verbatim from ggml-org/llama.cpp#19774.
    [InlineData(500, """{"error":{"code":500,"message":"Context size has been exceeded.","type":"server_error"}}""")]
    public async Task GetResponse_ContextOverflow_IsContextTooLong(int status, string body)
    {
        var error = await FailAsync(body, status);

        Assert.Equal(LlmErrorKind.ContextTooLong, error.Kind);
        Assert.Contains("--max-model-len", error.Message, StringComparison.Ordinal);
        Assert.Contains("--ctx-size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_TemplateRejectsHistory_IsServerErrorQuotingTheServer()
    {
        // llama.cpp#17040 (gpt-oss template) as quoted in tool_calling_failure_cases.json: truncated, so not even valid JSON.
        var prefix = Some.Json(SharedFiles.ReadShared("fixtures", "llm-issues", "tool_calling_failure_cases.json")).EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "llamacpp-17040-gptoss-content-and-thinking").GetProperty("raw_error_prefix").GetString()!;
        var body = prefix[prefix.IndexOf('{', StringComparison.Ordinal)..];

        var error = await FailAsync(body, 500);

        Assert.Equal(LlmErrorKind.ServerError, error.Kind);
        Assert.Contains("Cannot pass both content and thinking", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_OllamaV1ToolsNotSupported_IsToolsNotSupported()
    {
        // louisho5/picobot#6 via errors_REAL_and_source.txt: Ollama's OpenAI layer, nested error with null code.
        var error = await FailAsync(FakeOllamaServer.FixtureLineJson("errors_REAL_and_source.txt", "gemma3:4b does not support tools"), 400);

        Assert.Equal(LlmErrorKind.ToolsNotSupported, error.Kind);
        Assert.Contains("qwen2.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_Unknown404_IsModelNotFoundPointingAtModels()
    {
        // Verbatim from vllm-project/vllm#3485.
        var error = await FailAsync("""{"object":"error","message":"The model `Qwen1.5-14B-Chat-GPTQ-Int8` does not exist.","type":"NotFoundError","param":null,"code":404}""", 404);

        Assert.Equal(LlmErrorKind.ModelNotFound, error.Kind);
        Assert.Contains("/v1/models", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_NothingListening_SaysStartTheServer()
    {
        var error = await Assert.ThrowsAsync<LlmException>(() => Client(new Uri(ClosedPort.Loopback(), "v1")).GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.Unreachable, error.Kind);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("vllm serve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_DocumentedButUnrealFinishReasonTool_IsInvalidResponse()
    {
        // llamacpp_function-calling_md_doc_example_WARNING.txt: the docs' example, which the real server never sends.
        var text = FakeOpenAIServer.Fixture("llamacpp_function-calling_md_doc_example_WARNING.txt");
        var body = text[text.IndexOf("\n{", StringComparison.Ordinal)..];

        var error = await FailAsync(body, 200);

        Assert.Equal(LlmErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("Actual value was tool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreaming_ErrorEventMidStream_ThrowsStreamInterrupted()
    {
        _server.EnqueueChatStream(
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""",
            """{"error":{"code":500,"message":"Context size has been exceeded.","type":"server_error"}}""");
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync("hi"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(LlmErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal("Context size has been exceeded.", error.ServerMessage);
        Assert.Equal(["Hel"], received);
    }

    [Fact]
    public async Task GetStreaming_ErrorStatus_IsMappedBeforeAnyUpdate()
    {
        _server.EnqueueChat(VllmAutoToolChoice(nested: true), 400);

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var _ in Client().GetStreamingResponseAsync("hi", new ChatOptions { Tools = [Some.WeatherTool()] }))
            {
            }
        });

        Assert.Equal(LlmErrorKind.ServerMisconfigured, error.Kind);
    }

    [Fact]
    public async Task GetStreaming_ConnectionDroppedAfterFirstChunk_ThrowsStreamInterrupted()
    {
        var firstReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.EnqueueChatStream(
        [
            new ResponsePart("data: " + FakeOpenAIServer.Compact("""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""") + "\n\n"),
            new ResponsePart("", firstReceived.Task, AbortConnection: true),
        ]);

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync("hi"))
            {
                Assert.Equal("Hel", update.Text);
                firstReceived.TrySetResult();
            }
        });

        Assert.Equal(LlmErrorKind.StreamInterrupted, error.Kind);
    }

    [Fact]
    public async Task GetResponse_ServerSlowerThanNetworkTimeout_ThrowsTimeout()
    {
        var never = new TaskCompletionSource();
        _server.Server.Enqueue("/v1/chat/completions", new ScriptedResponse(200, "application/json", [new ResponsePart("{}", never.Task)]));
        var client = new OpenAICompatibleChatClient(_http, new OpenAICompatibleChatClientOptions
        {
            Endpoint = _server.Endpoint, DefaultModel = "qwen", NetworkTimeout = TimeSpan.FromMilliseconds(300),
        });

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.Timeout, error.Kind);
        Assert.Contains("NetworkTimeout", error.Message, StringComparison.Ordinal);
    }
}
