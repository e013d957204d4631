using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.Kernel.ToolCalls;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Connectors;

public sealed class OpenAICompatibleChatClientTests : IAsyncLifetime
{
    // vllm_toolcalls_python_repr_REAL.txt §1 (Qwen2.5-7B-Instruct, hermes parser) transcribed from the openai client's repr
    // into vLLM's JSON: ids, names and argument strings verbatim; the envelope is vLLM's ChatCompletionResponse.
    private const string VllmParallelToolCalls = """
        {"id":"chatcmpl-5e0c8e2b0c6a4c1f","object":"chat.completion","created":1729000000,"model":"Qwen/Qwen2.5-7B-Instruct",
         "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[
           {"id":"chatcmpl-tool-3a25abfa70e041c8958862ab6a6550e9","type":"function","function":{"name":"get_current_temperature","arguments":"{\"location\": \"San Francisco, CA, USA\"}"}},
           {"id":"chatcmpl-tool-17f05fc9ab8148eaa5eb2485500ee18f","type":"function","function":{"name":"get_temperature_date","arguments":"{\"location\": \"San Francisco, CA, USA\", \"date\": \"2024-10-01\"}"}}]}}],
         "usage":{"prompt_tokens":320,"completion_tokens":58,"total_tokens":378}}
        """;

    // vllm_toolcalls_python_repr_REAL.txt §2 (vllm#11786) transcribed the same way: the call left in content, finish "stop".
    private const string VllmCallLeftInContent = """
        {"id":"chatcmpl-20ebce2e7ef24403a464a59f3c57328a","object":"chat.completion","created":1736354591,"model":"dsp.llama-3.2-11b-vision-instruct",
         "choices":[{"index":0,"finish_reason":"stop","stop_reason":128008,"message":{"role":"assistant","content":"{\"type\": \"function\", \"function\": {\"name\": \"get_current_traffic\", \"parameters\": {\"location\": \"Sydney\"}}","tool_calls":[]}}],
         "usage":{"completion_tokens":28,"prompt_tokens":378,"total_tokens":406}}
        """;

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

    private OpenAICompatibleChatClient Client(string? apiKey = null) =>
        new(_http, new OpenAICompatibleChatClientOptions { Endpoint = _server.Endpoint, DefaultModel = "Qwen/Qwen2.5-7B-Instruct", ApiKey = apiKey });

    private static string Completion(string messageJson, string finishReason = "tool_calls") => $$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1736354591,"model":"m",
         "choices":[{"index":0,"finish_reason":"{{finishReason}}","message":{{messageJson}}}]}
        """;

    private static JsonElement LmStudioMessages() =>
        Some.Json(SharedFiles.ReadShared("fixtures", "llm-issues", "tool_calling_failure_cases.json"))
            .EnumerateArray().Single(c => c.GetProperty("id").GetString() == "lmstudio-830-empty-id").GetProperty("raw_messages");

    [Fact]
    public async Task GetResponse_VllmParallelToolCalls_KeepsIdsAndParsesArgumentStrings()
    {
        _server.EnqueueChat(VllmParallelToolCalls);

        var response = await Client().GetResponseAsync("temperature in SF today and on 2024-10-01?");

        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["chatcmpl-tool-3a25abfa70e041c8958862ab6a6550e9", "chatcmpl-tool-17f05fc9ab8148eaa5eb2485500ee18f"], calls.Select(c => c.CallId));
        Assert.Equal(["get_current_temperature", "get_temperature_date"], calls.Select(c => c.Name));
        Assert.Equal("2024-10-01", ((JsonElement)calls[1].Arguments!["date"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(320, response.Usage?.InputTokenCount);
        Assert.Equal(58, response.Usage?.OutputTokenCount);
        Assert.Equal("chatcmpl-5e0c8e2b0c6a4c1f", response.ResponseId);
    }

    [Fact]
    public async Task GetResponse_CallLeftInContent_ComesBackAsTextTheRepairerRecovers()
    {
        _server.EnqueueChat(VllmCallLeftInContent);
        var tool = Some.Tool("get_current_traffic", """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");

        var response = await Client().GetResponseAsync("traffic in Sydney?", new ChatOptions { Tools = [tool] });
        var repaired = ToolCallRepairer.ForTools([tool]).Repair(response.Messages.Single());

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Empty(response.Messages.Single().Contents.OfType<FunctionCallContent>());
        var call = Assert.Single(repaired.Calls);
        Assert.Equal("Sydney", call.Arguments["location"].GetString());
    }

    [Fact]
    public async Task GetResponse_LmStudioNumericIdAndEmptyId_KeepsOneAndSynthesisesTheOther()
    {
        var messages = LmStudioMessages();
        _server.EnqueueChat(Completion(messages[0].GetRawText()));
        _server.EnqueueChat(Completion(messages[2].GetRawText()));
        var client = Client();

        var first = Assert.Single((await client.GetResponseAsync("build hello")).Messages.Single().Contents.OfType<FunctionCallContent>());
        var second = await client.GetResponseAsync("go on");

        Assert.Equal("193629320", first.CallId);
        Assert.Equal("g++ -o hello hello.cpp && ./hello", ((JsonElement)first.Arguments!["command"]!).GetString());
        var broken = Assert.Single(second.Messages.Single().Contents.OfType<FunctionCallContent>());
        Assert.Matches(new Regex("^call_0_[0-9a-f]{8}$"), broken.CallId);
        Assert.Equal("", broken.Name);
        Assert.StartsWith("I've created a simple", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_History_SendsArgumentsAsStringWithTypeAndToolCallId()
    {
        var lmStudio = LmStudioMessages();
        _server.EnqueueChat(Completion("""{"role":"assistant","content":"Done."}""", "stop"));
        List<ChatMessage> history =
        [
            new(ChatRole.User, "build hello"),
            new(ChatRole.Assistant, [new FunctionCallContent("193629320", "bash", new Dictionary<string, object?> { ["command"] = "g++ -o hello hello.cpp && ./hello" })]),
            new(ChatRole.Tool, [new FunctionResultContent("193629320", lmStudio[1].GetProperty("content").GetString())]),
        ];

        await Client().GetResponseAsync(history);

        var sent = _server.ChatRequests.Single().Json.GetProperty("messages");
        // The same wire history LM Studio logged (lmstudio-bug-tracker#830), argument string byte for byte.
        Assert.True(JsonElement.DeepEquals(lmStudio[0].GetProperty("tool_calls"), sent[1].GetProperty("tool_calls")), $"sent {sent[1]}");
        Assert.True(JsonElement.DeepEquals(lmStudio[1], sent[2]), $"sent {sent[2]}");
    }

    [Fact]
    public async Task GetResponse_HistoryCallWithoutId_GetsOneIdOnCallAndResult()
    {
        _server.EnqueueChat(Completion("""{"role":"assistant","content":"ok"}""", "stop"));
        List<ChatMessage> history =
        [
            new(ChatRole.User, "x"),
            new(ChatRole.Assistant, [new FunctionCallContent("", "bash", new Dictionary<string, object?> { ["command"] = "ls" })]),
            new(ChatRole.Tool, [new FunctionResultContent("", "a.txt")]),
        ];

        await Client().GetResponseAsync(history);

        var sent = _server.ChatRequests.Single().Json.GetProperty("messages");
        var id = sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString();
        Assert.Matches(new Regex("^call_0_[0-9a-f]{8}$"), id);
        Assert.Equal(id, sent[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task GetResponse_Tools_SendsSchemaAndNoToolChoiceUnlessAsked()
    {
        _server.EnqueueChat(VllmParallelToolCalls);
        _server.EnqueueChat(VllmParallelToolCalls);
        var tool = Some.WeatherTool();

        await Client().GetResponseAsync("x", new ChatOptions { Tools = [tool], Temperature = 0.1f, Seed = 7, MaxOutputTokens = 100 });
        await Client().GetResponseAsync("x", new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny });

        var first = _server.ChatRequests[0].Json;
        var sentTool = first.GetProperty("tools")[0];
        Assert.Equal("function", sentTool.GetProperty("type").GetString());
        Assert.Equal("get_weather", sentTool.GetProperty("function").GetProperty("name").GetString());
        Assert.True(JsonElement.DeepEquals(tool.JsonSchema, sentTool.GetProperty("function").GetProperty("parameters")));
        Assert.False(first.TryGetProperty("tool_choice", out _));
        Assert.Equal(7, first.GetProperty("seed").GetInt32());
        Assert.Equal(0.1, first.GetProperty("temperature").GetDouble(), 5);
        Assert.Equal("Qwen/Qwen2.5-7B-Instruct", first.GetProperty("model").GetString());
        Assert.Equal("required", _server.ChatRequests[1].Json.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task GetResponse_NoApiKey_SendsPlaceholderBearer_AndConfiguredKeyOtherwise()
    {
        _server.EnqueueChat(VllmParallelToolCalls);
        _server.EnqueueChat(VllmParallelToolCalls);

        await Client().GetResponseAsync("x");
        await Client("sk-local-123").GetResponseAsync("x");

        Assert.Equal("Bearer no-key", _server.ChatRequests[0].Headers["Authorization"]);
        Assert.Equal("Bearer sk-local-123", _server.ChatRequests[1].Headers["Authorization"]);
        Assert.Equal("/v1/chat/completions", _server.ChatRequests[0].Path);
    }

    [Fact]
    public async Task GetStreaming_ArgumentFragments_AreJoinedPerIndex()
    {
        // The delta shape llama.cpp's docs/function-calling.md ("Streaming tool calls") and vLLM's DeltaToolCall describe:
        // id/type/name once per index, then argument fragments; two calls interleaved as index 0 and 1.
        _server.EnqueueChatStream(
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": "}}]},"finish_reason":null}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\": \"UTC\"}"}}]},"finish_reason":null}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":44,"completion_tokens":16,"total_tokens":60}}""");

        var response = await Client().GetStreamingResponseAsync("weather and time?").ToChatResponseAsync();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId));
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Equal("UTC", ((JsonElement)calls[1].Arguments!["tz"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(60, response.Usage?.TotalTokenCount);
        Assert.True(_server.ChatRequests.Single().Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetStreaming_CallsWithoutIndex_StayTwoCalls()
    {
        // Ollama /v1 before v0.4.7 (ollama#7881) sent whole calls in deltas without "index".
        _server.EnqueueChatStream(
            """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"id":"call_x","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},"finish_reason":null}]}""",
            """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_y","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},"finish_reason":null}]}""",
            """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        var response = await Client().GetStreamingResponseAsync("x").ToChatResponseAsync();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["Oslo", "Rome"], calls.Select(c => ((JsonElement)c.Arguments!["city"]!).GetString()));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetStreaming_EmptyIds_AreSynthesised()
    {
        // llama.cpp before PR #12292 streamed tool calls with "id": "".
        _server.EnqueueChatStream(
            """{"id":"c3","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},"finish_reason":null}]}""",
            """{"id":"c3","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");

        var response = await Client().GetStreamingResponseAsync("x").ToChatResponseAsync();

        Assert.Matches(new Regex("^call_0_[0-9a-f]{8}$"), Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
    }

    [Fact]
    public async Task GetStreaming_Text_ArrivesInPieces()
    {
        _server.EnqueueChatStream(
            """{"id":"c4","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""",
            """{"id":"c4","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}""",
            """{"id":"c4","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        var updates = await Client().GetStreamingResponseAsync("x").ToListAsync();

        Assert.Equal(["Hel", "lo", ""], updates.Select(u => u.Text));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetResponse_ArgumentsNotJson_BecomeCallWithException()
    {
        _server.EnqueueChat(Completion("""{"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": Tokyo}"}}]}"""));

        var call = Assert.Single((await Client().GetResponseAsync("x")).Messages.Single().Contents.OfType<FunctionCallContent>());

        Assert.Null(call.Arguments);
        Assert.IsType<InvalidDataException>(call.Exception);
        Assert.Single(ToolCallRepairer.ForTools([Some.WeatherTool()]).Validate([call]).Rejected);
    }

    [Fact]
    public async Task GetStreaming_EndsWithoutFinishReason_StillHandsOverTheCalls()
    {
        _server.EnqueueChatStream(
            """{"id":"c5","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_z","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},"finish_reason":null}]}""");

        var response = await Client().GetStreamingResponseAsync("x").ToChatResponseAsync();

        Assert.Equal("call_z", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }
}
