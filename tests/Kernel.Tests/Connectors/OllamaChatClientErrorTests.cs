using Microsoft.Extensions.AI;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Connectors;

public sealed class OllamaChatClientErrorTests : IAsyncLifetime
{
    private const string Errors = "errors_REAL_and_source.txt";

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

    private OllamaChatClient Client(string model) =>
        new(_http, new OllamaChatClientOptions { Endpoint = _server.Endpoint, DefaultModel = model });

    /// <summary>Real error bodies (errors_REAL_and_source.txt), the status Ollama's source gives them, and what the user must read.</summary>
    public static TheoryData<string, int, string, LlmErrorKind, string> RealErrors => new()
    {
        // ollama#14795: native /api/chat, HTTP 400, fully-qualified name in the text.
        { "Qwen3.5:0.8b", 400, "does not support tools\"}", LlmErrorKind.ToolsNotSupported, "qwen2.5, qwen3, llama3.1, llama3.2 or mistral-nemo" },
        // TheBlewish/Automated-AI-Web-Researcher-Ollama#42: ChatHandler's 404 form.
        { "custom-phi3-32k-Q4_K_M", 404, "custom-phi3-32k-Q4_K_M' not found", LlmErrorKind.ModelNotFound, "run `ollama pull custom-phi3-32k-Q4_K_M`" },
        // ollama#3876 and #2230: the scheduler's "try pulling it first" forms.
        { "llama3", 404, "model 'llama3' not found, try pulling it first", LlmErrorKind.ModelNotFound, "run `ollama pull llama3`" },
        { "llama2", 404, "model \\\"llama2\\\" not found", LlmErrorKind.ModelNotFound, "run `ollama pull llama2`" },
        // Strings pinned by routes_generate_test.go.
        { "llama3.2", 400, "{\"error\":\"model is required\"}", LlmErrorKind.InvalidRequest, "model is required" },
        { "bert", 400, "does not support chat", LlmErrorKind.InvalidRequest, "\\\"bert\\\" does not support chat".Replace("\\", "", StringComparison.Ordinal) },
        { "test", 400, "does not support thinking", LlmErrorKind.InvalidRequest, "does not support thinking" },
        { "llama3.2", 400, "top_logprobs must be between 0 and 20", LlmErrorKind.InvalidRequest, "top_logprobs must be between 0 and 20" },
        { "llama3.2", 503, "model is overloaded", LlmErrorKind.Unavailable, "OLLAMA_MAX_QUEUE" },
        { "llama3.2", 429, "rate limit exceeded", LlmErrorKind.Unavailable, "Try again shortly" },
    };

    [Theory]
    [MemberData(nameof(RealErrors))]
    public async Task GetResponse_RealErrorBody_MapsToKindAndActionableMessage(string model, int status, string marker, LlmErrorKind kind, string advice)
    {
        var body = FakeOllamaServer.FixtureLineJson(Errors, marker);
        _server.EnqueueChat(body, status);

        var error = await Assert.ThrowsAsync<LlmException>(() => Client(model).GetResponseAsync("hi", new ChatOptions { Tools = [Some.WeatherTool()] }));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(model, error.Model);
        Assert.Equal(Some.Json(body).GetProperty("error").GetString(), error.ServerMessage);
    }

    [Fact]
    public async Task GetResponse_ToolsNotSupported_NamesTheModelWeAskedFor()
    {
        _server.EnqueueChat(FakeOllamaServer.FixtureLineJson(Errors, "does not support tools\"}"), 400);

        var error = await Assert.ThrowsAsync<LlmException>(() => Client("qwen3.5:0.8b").GetResponseAsync("hi"));

        Assert.StartsWith("Model 'qwen3.5:0.8b' does not support tool calling", error.Message, StringComparison.Ordinal);
        Assert.Equal("registry.ollama.ai/library/Qwen3.5:0.8b does not support tools", error.ServerMessage);
    }

    [Fact]
    public async Task GetResponse_ContextOverflowWrappedInString_IsContextTooLong()
    {
        // Verbatim from ollama#16800 (truncate:false): a llama.cpp runner error serialised into Ollama's error string.
        _server.EnqueueChat("""
            {"error":"{\"error\":{\"code\":400,\"message\":\"request (351 tokens) exceeds the available context size (256 tokens), try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":351,\"n_ctx\":256}}"}
            """, 400);

        var error = await Assert.ThrowsAsync<LlmException>(() => Client("qwen2.5:0.5b").GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.ContextTooLong, error.Kind);
        Assert.Equal("request (351 tokens) exceeds the available context size (256 tokens), try increasing it", error.ServerMessage);
        Assert.Contains("num_ctx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreaming_ErrorAsLastNdjsonLine_ThrowsStreamInterruptedAfterTheText()
    {
        var lines = FakeOllamaServer.Fixture("errors_midstream_ndjson_docs.ndjson").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _server.EnqueueChatStream(lines);
        var received = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var update in Client("gemma4").GetStreamingResponseAsync("hi"))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LlmErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal("an error was encountered while running the model", error.ServerMessage);
        Assert.Contains("gemma4", error.Message, StringComparison.Ordinal);
        // The four lines before it are /api/generate chunks ("response", no "message"): nothing to show, nothing lost.
        Assert.Empty(received);
    }

    [Fact]
    public async Task GetStreaming_ConnectionDroppedMidStream_ThrowsStreamInterrupted()
    {
        var firstReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.EnqueueChatStream(
        [
            new ResponsePart(FakeOllamaServer.Compact(FakeOllamaServer.Fixture("chat_stream_response_chunk.json")) + "\n"),
            new ResponsePart("", firstReceived.Task, AbortConnection: true),
        ]);

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var update in Client("llama3.2").GetStreamingResponseAsync("hi"))
            {
                Assert.Equal("The", update.Text);
                firstReceived.TrySetResult();
            }
        });

        Assert.Equal(LlmErrorKind.StreamInterrupted, error.Kind);
    }

    [Fact]
    public async Task GetStreaming_ErrorStatusBeforeStreaming_IsMappedLikeNonStreaming()
    {
        _server.EnqueueChat(FakeOllamaServer.FixtureLineJson(Errors, "custom-phi3-32k-Q4_K_M' not found"), 404);

        var error = await Assert.ThrowsAsync<LlmException>(async () =>
        {
            await foreach (var _ in Client("custom-phi3-32k-Q4_K_M").GetStreamingResponseAsync("hi"))
            {
            }
        });

        Assert.Equal(LlmErrorKind.ModelNotFound, error.Kind);
    }

    [Fact]
    public async Task GetResponse_NothingListening_SaysStartOllama()
    {
        var endpoint = ClosedPort.Loopback();
        var client = new OllamaChatClient(_http, new OllamaChatClientOptions { Endpoint = endpoint, DefaultModel = "llama3.2" });

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.Unreachable, error.Kind);
        Assert.Equal($"Ollama is not running at {endpoint.ToString().TrimEnd('/')} — start it with `ollama serve` (or the desktop app).", error.Message);
    }

    [Fact]
    public async Task GetResponse_NotAnOllamaServer_IsInvalidRequestNotModelNotFound()
    {
        // No script: the fake answers like Go's mux, "404 page not found" in plain text.
        var error = await Assert.ThrowsAsync<LlmException>(() =>
            new OllamaChatClient(_http, new OllamaChatClientOptions { Endpoint = new Uri(_server.Endpoint, "wrong/"), DefaultModel = "m" }).GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("404 page not found", error.ServerMessage);
    }

    [Fact]
    public async Task GetResponse_GarbageBody_IsInvalidResponse()
    {
        _server.EnqueueChat("<html>proxy error</html>");

        var error = await Assert.ThrowsAsync<LlmException>(() => Client("llama3.2").GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_ThrowsCancellationNotLlmException()
    {
        var never = new TaskCompletionSource();
        _server.Server.Enqueue("/api/chat", new ScriptedResponse(200, "application/json", [new ResponsePart("{}", never.Task)]));
        using var cancellation = new CancellationTokenSource();
        var request = Client("llama3.2").GetResponseAsync("hi", cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Fact]
    public async Task GetResponse_PlainTextToolsError_IsStillToolsNotSupported()
    {
        // ollama#13578 quotes the body as plain text, not JSON.
        var line = FakeOllamaServer.Fixture(Errors).Split('\n').Single(l => l.Contains("smollm2:360m does not support tools", StringComparison.Ordinal)).Trim();
        _server.Server.Enqueue("/api/chat", new ScriptedResponse(400, "text/plain", [new ResponsePart(line)]));

        var error = await Assert.ThrowsAsync<LlmException>(() => Client("smollm2:360m").GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.ToolsNotSupported, error.Kind);
        Assert.Equal("registry.ollama.ai/library/smollm2:360m does not support tools", error.ServerMessage);
    }

    [Fact]
    public async Task GetResponse_ServerSlowerThanHttpClientTimeout_ThrowsTimeout()
    {
        var never = new TaskCompletionSource();
        _server.Server.Enqueue("/api/chat", new ScriptedResponse(200, "application/json", [new ResponsePart("{}", never.Task)]));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var client = new OllamaChatClient(impatient, new OllamaChatClientOptions { Endpoint = _server.Endpoint, DefaultModel = "llama3.2" });

        var error = await Assert.ThrowsAsync<LlmException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(LlmErrorKind.Timeout, error.Kind);
        Assert.Contains("may still be loading", error.Message, StringComparison.Ordinal);
    }
}
