using System.Net;
using System.Text.Json;
using PveAgent.Core.Execution;

namespace PveAgent.Core.Tests.Execution;

/// <summary>The OpenAI-compatible executor against real vLLM/llama.cpp bodies (stub transport) and the simulated servers.</summary>
public sealed class OpenAICompatibleExecutorTests
{
    [Fact]
    public async Task Chat_VllmRejectsWithItsFlatErrorBody_TheMessageIsVllms()
    {
        var body = Fixtures.LineStartingWith(Fixtures.Read("openai", "vllm_error_bodies_REAL.txt"), """{"object":"error""");
        var handler = new ScriptedHandler().Answer("/v1/chat/completions", HttpStatusCode.BadRequest, body, "application/json");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi")));

        Assert.Equal(InferenceErrorKind.Rejected, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set", error.ServerMessage);
        Assert.False(error.OutputStarted);
    }

    [Fact]
    public async Task Chat_LlamaCppRejectsTheKey_TheNestedMessageIsRead()
    {
        var handler = new ScriptedHandler().Answer("/v1/chat/completions", HttpStatusCode.Unauthorized, Fixtures.Read("openai", "llamacpp_error_invalid_api_key_README.json"), "application/json; charset=utf-8");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi")));

        Assert.Equal("HTTP 401: Invalid API Key", error.Reason);
        Assert.Contains("credentials", error.Message);
    }

    [Fact]
    public async Task Chat_OllamaOpenAiLayerError_TheNestedMessageIsRead()
    {
        var body = Fixtures.LineStartingWith(Fixtures.Read("ollama", "errors_REAL_and_source.txt"), """{"error":{"message":"registry.ollama.ai/library/gemma3:4b""");
        var handler = new ScriptedHandler().Answer("/v1/chat/completions", HttpStatusCode.BadRequest, body, "application/json");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi")));

        Assert.Equal("registry.ollama.ai/library/gemma3:4b does not support tools", error.ServerMessage);
    }

    [Fact]
    public async Task Chat_LlamaCppFinalChunksWithTimingsAndUsage_AreReadIntoUsage()
    {
        // The two blocks of llama.cpp's README "Timings and context usage", comments removed, sent as the last events.
        var blocks = Fixtures.ObjectsWithoutComments(Fixtures.Read("openai", "llamacpp_chat_timings_usage_README.txt"));
        var stream = string.Concat(blocks.Select(b => $"data: {b}\n\n")) + "data: [DONE]\n\n";
        var handler = new ScriptedHandler().Answer("/v1/chat/completions", HttpStatusCode.OK, stream, "text/event-stream");

        var result = await new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi"));

        Assert.Equal(2, blocks.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(30.958), result.Usage!.PromptProcessing);
        Assert.Equal(TimeSpan.FromMilliseconds(661.064), result.Usage.Generation);
        Assert.Equal(44, result.Usage.PromptTokens);
        Assert.Equal(48, result.Usage.CompletionTokens);
    }

    [Fact]
    public async Task Chat_RequestAsksForAStreamWithUsage()
    {
        var handler = new ScriptedHandler().Answer("/proxy/v1/chat/completions", HttpStatusCode.OK, "data: [DONE]\n\n", "text/event-stream");

        await new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi") with { BaseUrl = new Uri("http://192.0.2.20:8000/proxy"), SystemPrompt = "be brief", MaxTokens = 7 });

        var sent = JsonDocument.Parse(Assert.Single(handler.Requests).Body).RootElement;
        Assert.True(sent.GetProperty("stream").GetBoolean());
        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(7, sent.GetProperty("max_tokens").GetInt32());
        Assert.Equal("""[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]""", sent.GetProperty("messages").GetRawText());
    }

    [Fact]
    public async Task Chat_StreamEndsWithoutDone_ThrowsInterrupted()
    {
        var blocks = Fixtures.ObjectsWithoutComments(Fixtures.Read("openai", "llamacpp_chat_timings_usage_README.txt"));
        var handler = new ScriptedHandler().Answer("/v1/chat/completions", HttpStatusCode.OK, $"data: {blocks[0]}\n\n", "text/event-stream");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OpenAICompatibleExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi")));

        Assert.Equal(InferenceErrorKind.Interrupted, error.Kind);
    }

    [Fact]
    public async Task Chat_AgainstTheSimulatedLlamaCpp_StreamsTokensWithTimings()
    {
        using var lab = new SimLab();
        var executor = new OpenAICompatibleExecutor(lab.Http, lab.Clock);
        var chunks = new List<string>();
        var request = Chat("summarise the plot of Hamlet") with { BaseUrl = new Uri("http://192.168.0.103:8080/"), Model = "qwen2.5-1.5b-instruct", MaxTokens = 10 };

        var result = await lab.Run(() => executor.ExecuteAsync(request, OllamaNativeExecutorTests.Collect(chunks)), TimeSpan.FromMilliseconds(10));

        Assert.Equal(10, chunks.Count);
        Assert.Equal(string.Concat(chunks), result.Text);
        Assert.Equal("length", result.FinishReason);
        Assert.Equal(10, result.Usage!.CompletionTokens);
        Assert.NotNull(result.Usage.Generation);
    }

    [Fact]
    public async Task Chat_AgainstTheSimulatedVllm_ReadsTheUsageChunk()
    {
        using var lab = new SimLab();
        var executor = new OpenAICompatibleExecutor(lab.Http, lab.Clock);
        var request = Chat("hello") with { BaseUrl = new Uri("http://192.168.0.150:8000/"), Model = "llama-3.2-3b-instruct", MaxTokens = 5 };

        var result = await lab.Run(() => executor.ExecuteAsync(request), TimeSpan.FromMilliseconds(10));

        Assert.Equal(5, result.Usage!.CompletionTokens);
        Assert.True(result.Usage.PromptTokens > 0);
        Assert.Equal("llama-3.2-3b-instruct", result.Model);
    }

    [Fact]
    public async Task Embeddings_AgainstTheSimulatedVllm_ReturnsTheVector()
    {
        using var lab = new SimLab();
        var executor = new OpenAICompatibleExecutor(lab.Http, lab.Clock);
        var request = Chat("the quick brown fox") with { BaseUrl = new Uri("http://192.168.0.150:8001/"), Model = "bge-large-en-v1.5", Operation = InferenceOperation.Embeddings };

        var result = await lab.Run(() => executor.ExecuteAsync(request), TimeSpan.FromMilliseconds(10));

        var vector = Assert.Single(result.Embeddings);
        Assert.Equal(1024, vector.Count);
        Assert.Equal(vector, JsonSerializer.Deserialize<float[][]>(result.Text)![0]);
        Assert.True(result.Usage!.PromptTokens > 0);
    }

    [Fact]
    public async Task Chat_SimulatedServiceWhoseGuestIsStopped_RefusesTheConnection()
    {
        using var lab = new SimLab();
        await lab.Run(async () => await lab.Proxmox.WaitForTaskAsync(await lab.Proxmox.StopGuestAsync("pve3", Core.State.GuestType.Lxc, 301)));
        var request = Chat("hi") with { BaseUrl = new Uri("http://192.168.0.103:8080/") };

        var error = await Assert.ThrowsAsync<InferenceException>(() => lab.Run(() => new OpenAICompatibleExecutor(lab.Http, lab.Clock).ExecuteAsync(request)));

        Assert.Equal(InferenceErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal("connection refused", error.Reason);
    }

    private static InferenceRequest Chat(string prompt) =>
        new() { BaseUrl = new Uri("http://192.0.2.20:8000/"), Operation = InferenceOperation.Chat, Prompt = prompt };
}
