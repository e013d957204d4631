using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using PveAgent.Core.Execution;

namespace PveAgent.Core.Tests.Execution;

/// <summary>The Ollama executor against Ollama's documented wire samples (stub transport) and the simulated Ollama.</summary>
public sealed class OllamaNativeExecutorTests
{
    [Fact]
    public async Task Chat_RealStreamChunks_DeliversTheTextAndReadsTheFinalMetrics()
    {
        var stream = Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_chunk.json")) + "\n"
            + Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_final.json")) + "\n";
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.OK, stream, "application/x-ndjson");
        var executor = new OllamaNativeExecutor(new HttpClient(handler));
        var chunks = new List<string>();

        var result = await executor.ExecuteAsync(Chat("why is the sky blue?", "llama3.2"), Collect(chunks));

        Assert.Equal(["The"], chunks);
        Assert.Equal("The", result.Text);
        Assert.Equal("llama3.2", result.Model);
        Assert.Equal(26, result.Usage!.PromptTokens);
        Assert.Equal(282, result.Usage.CompletionTokens);
        Assert.Equal(TimeSpan.FromTicks(48_835_834), result.Usage.ServerTotal);
        Assert.Equal(TimeSpan.FromTicks(13_348), result.Usage.Load);
        Assert.Equal(TimeSpan.FromTicks(45_355_990), result.Usage.Generation);
        Assert.Equal(282 / 4.535599, result.Usage.TokensPerSecond!.Value, 3);
    }

    [Fact]
    public async Task Chat_RequestCarriesWhatTheDocumentedRequestCarries_PlusStreamAndTheTokenLimit()
    {
        var documented = JsonDocument.Parse(Fixtures.Read("ollama", "chat_stream_request.json")).RootElement;
        var final = Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_final.json"));
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.OK, final + "\n", "application/x-ndjson");
        var executor = new OllamaNativeExecutor(new HttpClient(handler));

        await executor.ExecuteAsync(Chat("why is the sky blue?", "llama3.2") with { MaxTokens = 64 });

        var sent = JsonDocument.Parse(Assert.Single(handler.Requests).Body).RootElement;
        Assert.Equal(documented.GetProperty("model").GetString(), sent.GetProperty("model").GetString());
        Assert.Equal(Fixtures.OneLine(documented.GetProperty("messages").GetRawText()), Fixtures.OneLine(sent.GetProperty("messages").GetRawText()));
        Assert.True(sent.GetProperty("stream").GetBoolean());
        Assert.Equal(64, sent.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Chat_FinalChunkWithoutAMessage_StillCompletes()
    {
        var stream = Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_chunk.json")) + "\n"
            + Fixtures.OneLine(Fixtures.Read("ollama", "chat_history_final_response_no_message.json")) + "\n";
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.OK, stream, "application/x-ndjson");

        var result = await new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi", "llama3.2"));

        Assert.Equal("The", result.Text);
        Assert.NotNull(result.Usage?.CompletionTokens);
    }

    [Fact]
    public async Task Chat_AnswerNotStreamed_IsReadWhole()
    {
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.OK, Fixtures.Read("ollama", "chat_nostream_response.json"), "application/json; charset=utf-8");
        var chunks = new List<string>();

        var result = await new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hello", "llama3.2"), Collect(chunks));

        Assert.Equal(["Hello! How are you today?"], chunks);
        Assert.Equal(298, result.Usage!.CompletionTokens);
    }

    [Fact]
    public async Task Generate_ErrorLineAfterSomeText_ThrowsInterruptedAfterDeliveringTheText()
    {
        var handler = new ScriptedHandler().Answer("/api/generate", HttpStatusCode.OK, Fixtures.Read("ollama", "errors_midstream_ndjson_docs.ndjson"), "application/x-ndjson");
        var chunks = new List<string>();
        var request = Chat("Is the sky blue?", "gemma4") with { Operation = InferenceOperation.Completion };

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(request, Collect(chunks)));

        Assert.Equal([" Yes", ".", "I", "can"], chunks);
        Assert.Equal(InferenceErrorKind.Interrupted, error.Kind);
        Assert.True(error.OutputStarted);
        Assert.Equal("an error was encountered while running the model", error.ServerMessage);
        Assert.Equal("/api/generate", Assert.Single(handler.Requests).Path);
    }

    [Fact]
    public async Task Chat_ModelNotPulled_IsRejectedWithOllamasOwnMessage()
    {
        var body = Fixtures.LineStartingWith(Fixtures.Read("ollama", "errors_REAL_and_source.txt"), """{"error":"model 'llama3' not found""");
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.NotFound, body, "application/json; charset=utf-8");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi", "llama3")));

        Assert.Equal(InferenceErrorKind.Rejected, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.False(error.OutputStarted);
        Assert.Equal("HTTP 404: model 'llama3' not found, try pulling it first", error.Reason);
        Assert.Contains("/api/tags", error.Message);
    }

    [Fact]
    public async Task Chat_StreamBreaksOffWithoutDone_ThrowsInterrupted()
    {
        var chunk = Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_chunk.json"));
        var handler = new ScriptedHandler().Answer("/api/chat", HttpStatusCode.OK, chunk + "\n" + chunk + "\n", "application/x-ndjson");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi", "llama3.2")));

        Assert.Equal(InferenceErrorKind.Interrupted, error.Kind);
        Assert.True(error.OutputStarted);
        Assert.Equal("the answer broke off", error.Reason);
    }

    [Fact]
    public async Task Chat_ConnectionRefused_IsAConnectionFailureBeforeAnyOutput()
    {
        var handler = new ScriptedHandler().Refuse("/api/chat");

        var error = await Assert.ThrowsAsync<InferenceException>(() => new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi", "llama3.2")));

        Assert.Equal(InferenceErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal("connection refused", error.Reason);
        Assert.False(error.OutputStarted);
        Assert.StartsWith("Cannot connect to Ollama at 192.0.2.10:11434: connection refused.", error.Message);
    }

    [Fact]
    public async Task Chat_CancelledMidStream_StopsReadingAndClosesTheResponse()
    {
        var pipe = new Pipe();
        var handler = new ScriptedHandler().Stream("/api/chat", pipe.Reader.AsStream(), "application/x-ndjson");
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(Fixtures.OneLine(Fixtures.Read("ollama", "chat_stream_response_chunk.json")) + "\n"));
        using var cancel = new CancellationTokenSource();
        var chunks = new List<string>();

        var run = new OllamaNativeExecutor(new HttpClient(handler)).ExecuteAsync(Chat("hi", "llama3.2"), (text, _) =>
        {
            chunks.Add(text);
            cancel.Cancel();
            return ValueTask.CompletedTask;
        }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var afterCancel = await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("{}\n"));
        Assert.Equal(["The"], chunks);
        Assert.True(afterCancel.IsCompleted, "The response stream should have been closed when the request was cancelled.");
    }

    [Fact]
    public async Task Chat_AgainstTheSimulatedOllama_StreamsOneChunkPerTokenAndReportsTheCounts()
    {
        using var lab = new SimLab();
        var executor = new OllamaNativeExecutor(lab.Http, lab.Clock);
        var chunks = new List<string>();

        var result = await lab.Run(() => executor.ExecuteAsync(Chat("why is the sky blue?", "llama3.2:3b", "http://192.168.0.183:11434/") with { MaxTokens = 12 }, Collect(chunks)), TimeSpan.FromMilliseconds(10));

        Assert.Equal(12, chunks.Count);
        Assert.Equal(string.Concat(chunks), result.Text);
        Assert.Equal(12, result.Usage!.CompletionTokens);
        Assert.Equal("length", result.FinishReason);
        Assert.True(result.TimeToFirstOutput < result.Elapsed);
    }

    [Fact]
    public async Task Embeddings_AgainstTheSimulatedOllama_ReturnsOneVectorAndItsJson()
    {
        using var lab = new SimLab();
        var executor = new OllamaNativeExecutor(lab.Http, lab.Clock);
        var request = Chat("the quick brown fox", "nomic-embed-text", "http://192.168.0.183:11434/") with { Operation = InferenceOperation.Embeddings };

        var result = await lab.Run(() => executor.ExecuteAsync(request), TimeSpan.FromMilliseconds(10));

        var vector = Assert.Single(result.Embeddings);
        Assert.True(vector.Count >= 256);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        Assert.Equal(vector, JsonSerializer.Deserialize<float[][]>(result.Text)![0]);
        Assert.Equal("/api/embed", Assert.Single(lab.InferenceRequests.All).Path);
    }

    [Fact]
    public async Task Chat_CancelledAgainstTheSimulatedOllama_TheServerDropsTheRequest()
    {
        using var lab = new SimLab();
        var executor = new OllamaNativeExecutor(lab.Http, lab.Clock);
        using var cancel = new CancellationTokenSource();
        var inFlightWhileStreaming = -1;

        var run = SimLab.Start(() => executor.ExecuteAsync(Chat("tell me a long story", "llama3.2:3b", "http://192.168.0.183:11434/") with { MaxTokens = 500 }, (_, _) =>
        {
            inFlightWhileStreaming = lab.InFlight("brian", "ollama");
            cancel.Cancel();
            return ValueTask.CompletedTask;
        }, cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await lab.Run(() => run, TimeSpan.FromMilliseconds(10)));

        Assert.Equal(1, inFlightWhileStreaming);
        Assert.Equal(0, lab.InFlight("brian", "ollama"));
    }

    internal static InferenceRequest Chat(string prompt, string model, string baseUrl = "http://192.0.2.10:11434/") =>
        new() { BaseUrl = new Uri(baseUrl), Operation = InferenceOperation.Chat, Model = model, Prompt = prompt };

    internal static Func<string, CancellationToken, ValueTask> Collect(List<string> into) => (text, _) =>
    {
        into.Add(text);
        return ValueTask.CompletedTask;
    };
}
