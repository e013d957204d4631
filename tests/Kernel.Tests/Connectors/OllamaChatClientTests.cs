using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Connectors;

public sealed class OllamaChatClientTests : IAsyncLifetime
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

    private OllamaChatClient Client(OllamaChatClientOptions? options = null)
    {
        options ??= new OllamaChatClientOptions();
        options.Endpoint = _server.Endpoint;
        options.DefaultModel ??= "llama3.2";
        return new OllamaChatClient(_http, options);
    }

    private static JsonElement Fixture(string name) => Some.Json(FakeOllamaServer.Fixture(name));

    [Fact]
    public async Task GetResponse_ToolsRequest_SendsExactlyTheDocumentedRequest()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_tools_response.json"));

        await Client().GetResponseAsync("what is the weather in tokyo?", new ChatOptions { Tools = [Some.WeatherTool()] });

        Assert.True(JsonElement.DeepEquals(Fixture("chat_nostream_tools_request.json"), _server.ChatRequests.Single()),
            $"sent {_server.ChatRequests.Single()}");
    }

    [Fact]
    public async Task GetResponse_ToolCallFixture_BecomesFunctionCallWithObjectArguments()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_tools_response.json"));

        var response = await Client().GetResponseAsync("what is the weather in tokyo?", new ChatOptions { Tools = [Some.WeatherTool()] });

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.Single().Contents));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Tokyo", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Matches(new Regex("^call_0_[0-9a-f]{8}$"), call.CallId);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetResponse_UsageAndDurations_AreMappedFromNanoseconds()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_tools_response.json"));

        var response = await Client().GetResponseAsync("hi");

        Assert.Equal(169, response.Usage?.InputTokenCount);
        Assert.Equal(18, response.Usage?.OutputTokenCount);
        Assert.Equal(187, response.Usage?.TotalTokenCount);
        Assert.Equal(TimeSpan.FromTicks(32448835), response.AdditionalProperties?[OllamaChatClient.TotalDurationKey]);
        Assert.Equal(TimeSpan.FromTicks(29691845), response.AdditionalProperties?[OllamaChatClient.LoadDurationKey]);
        Assert.Equal("llama3.2", response.ModelId);
        Assert.Equal(new DateTimeOffset(2025, 7, 7, 20, 32, 53, TimeSpan.Zero).AddTicks(8441240), response.CreatedAt);
    }

    [Fact]
    public async Task GetResponse_TextAnswer_HasStopFinishAndText()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));

        var response = await Client().GetResponseAsync("why is the sky blue?");

        Assert.Equal("Hello! How are you today?", response.Text);
        // chat_nostream_response.json has no done_reason at all.
        Assert.Null(response.FinishReason);
        Assert.True(JsonElement.DeepEquals(Fixture("chat_nostream_request.json"), _server.ChatRequests.Single()));
    }

    [Fact]
    public async Task GetResponse_HistoryWithToolCallAndResult_SendsArgumentsAsObjectAndToolName()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_history_tools_response.json"));
        List<ChatMessage> history =
        [
            new(ChatRole.User, "what is the weather in Toronto?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_7x2k9q1m", "get_weather", new Dictionary<string, object?> { ["city"] = "Toronto" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_7x2k9q1m", "11 degrees celsius")]),
        ];

        var response = await Client().GetResponseAsync(history, new ChatOptions { Tools = [Some.WeatherTool()] });

        var sent = _server.ChatRequests.Single();
        var messages = sent.GetProperty("messages");
        var toolCall = messages[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_7x2k9q1m", toolCall.GetProperty("id").GetString());
        Assert.Equal("call_7x2k9q1m", messages[2].GetProperty("tool_call_id").GetString());
        // Apart from the ids (which the docs example predates) the history is the documented one, argument object and all.
        var expected = Fixture("chat_history_tools_request.json");
        Assert.True(JsonElement.DeepEquals(expected, WithoutIds(sent)), $"sent {sent}");
        Assert.Equal("The current temperature in Toronto is 11°C.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponse_ResultWithoutKnownCall_OmitsToolName()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));

        await Client().GetResponseAsync([new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c9", Some.Json("""{"vms":[101]}"""))])]);

        var tool = _server.ChatRequests.Single().GetProperty("messages")[0];
        Assert.Equal("tool", tool.GetProperty("role").GetString());
        Assert.Equal("""{"vms":[101]}""", tool.GetProperty("content").GetString());
        Assert.False(tool.TryGetProperty("tool_name", out _));
    }

    [Fact]
    public async Task GetResponse_Options_GoToOptionsKeepAliveAndFormat()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));
        var client = Client(new OllamaChatClientOptions { KeepAlive = TimeSpan.FromMinutes(10), ContextLength = 8192 });

        await client.GetResponseAsync("hi", new ChatOptions
        {
            ModelId = "qwen2.5:7b",
            Temperature = 0.2f,
            TopP = 0.9f,
            Seed = 42,
            MaxOutputTokens = 256,
            StopSequences = ["</plan>"],
            Instructions = "You plan Proxmox changes.",
            AdditionalProperties = new() { ["num_gpu"] = 1, ["unrelated"] = "x", [OllamaChatClient.ThinkKey] = false },
        });

        var sent = _server.ChatRequests.Single();
        Assert.Equal("qwen2.5:7b", sent.GetProperty("model").GetString());
        Assert.Equal(600, sent.GetProperty("keep_alive").GetInt32());
        Assert.False(sent.GetProperty("think").GetBoolean());
        Assert.True(JsonElement.DeepEquals(
            Some.Json("""{"num_ctx":8192,"temperature":0.2,"top_p":0.9,"seed":42,"num_predict":256,"stop":["</plan>"],"num_gpu":1}"""),
            sent.GetProperty("options")), $"sent {sent.GetProperty("options")}");
        Assert.Equal("system", sent.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal("You plan Proxmox changes.", sent.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponse_ImageContent_IsSentAsBase64Image()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));
        byte[] png = [0x89, 0x50, 0x4E, 0x47];

        await Client().GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(png, "image/png")])]);

        var message = _server.ChatRequests.Single().GetProperty("messages")[0];
        Assert.Equal("what is this?", message.GetProperty("content").GetString());
        Assert.Equal(Convert.ToBase64String(png), message.GetProperty("images")[0].GetString());
    }

    [Fact]
    public void Constructor_NonPositiveContextLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OllamaChatClient(_http, new OllamaChatClientOptions { ContextLength = 0 }));
    }

    [Fact]
    public async Task GetResponse_KeepAliveZero_UnloadsAsInTheDocs()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_unload_response.json"));
        var client = Client(new OllamaChatClientOptions { KeepAlive = TimeSpan.Zero });

        var response = await client.GetResponseAsync([]);

        Assert.True(JsonElement.DeepEquals(Fixture("chat_unload_request.json"), WithoutStreamFalse(_server.ChatRequests.Single())));
        Assert.Equal("unload", response.FinishReason?.Value);
    }

    [Fact]
    public async Task GetResponse_KeepAliveForever_SendsMinusOne()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_load_response.json"));

        await Client(new OllamaChatClientOptions { KeepAlive = Timeout.InfiniteTimeSpan }).GetResponseAsync([]);

        Assert.Equal(-1, _server.ChatRequests.Single().GetProperty("keep_alive").GetInt32());
    }

    [Fact]
    public async Task GetResponse_JsonSchemaFormat_SendsSchemaAsFormat()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_structured_outputs_response.json"));
        var request = Fixture("chat_structured_outputs_request.json");

        var response = await Client().GetResponseAsync(request.GetProperty("messages")[0].GetProperty("content").GetString()!, new ChatOptions
        {
            ModelId = "llama3.1",
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(request.GetProperty("format")),
        });

        Assert.True(JsonElement.DeepEquals(request, _server.ChatRequests.Single()), $"sent {_server.ChatRequests.Single()}");
        Assert.Equal("""{"age": 22, "available": false}""", response.Text);
    }

    [Fact]
    public async Task GetResponse_JsonFormatWithoutSchema_SendsJsonKeyword()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));

        await Client().GetResponseAsync("hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal("json", _server.ChatRequests.Single().GetProperty("format").GetString());
    }

    [Fact]
    public async Task GetResponse_ToolModeNone_SendsNoTools()
    {
        _server.EnqueueChat(FakeOllamaServer.Fixture("chat_nostream_response.json"));

        await Client().GetResponseAsync("hi", new ChatOptions { Tools = [Some.WeatherTool()], ToolMode = ChatToolMode.None });

        Assert.False(_server.ChatRequests.Single().TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task GetResponse_ServerIdsAndIndexes_AreKept()
    {
        // The serialised form NOTES §1 infers from api/types.go for Ollama ≥ v0.12.10: id "call_<8 chars>", function.index.
        _server.EnqueueChat("""
            {"model":"qwen3","created_at":"2025-11-20T10:00:00Z","message":{"role":"assistant","content":"","tool_calls":[
              {"id":"call_ab12cd34","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}},
              {"id":"call_ef56gh78","function":{"index":1,"name":"get_weather","arguments":{"city":"Paris"}}}]},
             "done_reason":"stop","done":true}
            """);

        var response = await Client().GetResponseAsync("weather?");

        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_ab12cd34", "call_ef56gh78"], calls.Select(c => c.CallId));
    }

    [Fact]
    public async Task GetResponse_CallsWithoutIds_GetDistinctStableIds()
    {
        var body = """
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53.844124Z","message":{"role":"assistant","content":"","tool_calls":[
              {"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}},
              {"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done_reason":"stop","done":true}
            """;
        _server.EnqueueChat(body);
        _server.EnqueueChat(body);
        var client = Client();

        var first = (await client.GetResponseAsync("x")).Messages.Single().Contents.OfType<FunctionCallContent>().Select(c => c.CallId).ToList();
        var second = (await client.GetResponseAsync("x")).Messages.Single().Contents.OfType<FunctionCallContent>().Select(c => c.CallId).ToList();

        Assert.Equal(2, first.Distinct().Count());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetStreaming_TextChunks_ArriveAsUpdatesWithUsageAtTheEnd()
    {
        _server.EnqueueChatStream(FakeOllamaServer.Fixture("chat_stream_response_chunk.json"), FakeOllamaServer.Fixture("chat_stream_response_final.json"));

        var updates = await Client().GetStreamingResponseAsync("why is the sky blue?").ToListAsync();

        Assert.Equal(2, updates.Count);
        Assert.Equal("The", updates[0].Text);
        // Nanosecond timestamps (9 digits) are rounded to .NET's 100 ns ticks.
        Assert.Equal(new DateTimeOffset(2023, 8, 4, 8, 52, 19, TimeSpan.FromHours(-7)).AddTicks(3854065), updates[0].CreatedAt);
        Assert.Null(updates.Last().FinishReason); // the docs example has no done_reason
        var usage = Assert.Single(updates.Last().Contents.OfType<UsageContent>()).Details;
        Assert.Equal(26, usage.InputTokenCount);
        Assert.Equal(282, usage.OutputTokenCount);
        Assert.True(_server.ChatRequests.Single().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetStreaming_ToolCallInNonFinalChunk_IsKeptAndFinishIsToolCalls()
    {
        _server.EnqueueChatStream(
            FakeOllamaServer.Fixture("chat_stream_tools_response_chunk_toolcall.json"),
            FakeOllamaServer.Fixture("chat_stream_tools_response_final.json"));

        var response = await Client().GetStreamingResponseAsync("what is the weather in tokyo?", new ChatOptions { Tools = [Some.WeatherTool()] })
            .ToChatResponseAsync();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Tokyo", ((JsonElement)call.Arguments!["city"]!).GetString());
        // done_reason stays "stop" on Ollama's tool turns.
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(169, response.Usage?.InputTokenCount);
        Assert.True(JsonElement.DeepEquals(Fixture("chat_stream_tools_request.json"), _server.ChatRequests.Single()));
    }

    [Fact]
    public async Task GetStreaming_FinalChunkWithoutMessage_CompletesWithUsage()
    {
        _server.EnqueueChatStream(
            FakeOllamaServer.Fixture("chat_stream_response_chunk.json"),
            FakeOllamaServer.Fixture("chat_history_final_response_no_message.json"));

        var response = await Client().GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal("The", response.Text);
        Assert.Equal(61, response.Usage?.InputTokenCount);
        Assert.Equal(468, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreaming_FirstLine_IsDeliveredBeforeTheServerWritesTheNext()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.EnqueueChatStream(
        [
            new ResponsePart(FakeOllamaServer.Compact(FakeOllamaServer.Fixture("chat_stream_response_chunk.json")) + "\n"),
            new ResponsePart(FakeOllamaServer.Compact(FakeOllamaServer.Fixture("chat_stream_response_final.json")) + "\n", release.Task),
        ]);

        await using var updates = Client().GetStreamingResponseAsync("hi").GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        Assert.Equal("The", updates.Current.Text);
        release.SetResult();
        Assert.True(await updates.MoveNextAsync());
        Assert.NotNull(updates.Current.Contents.OfType<UsageContent>().SingleOrDefault());
    }

    [Fact]
    public async Task GetResponse_NoModelAnywhere_SaysHowToChooseOne()
    {
        var client = new OllamaChatClient(_http, new OllamaChatClientOptions { Endpoint = _server.Endpoint });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi"));

        Assert.Contains("DefaultModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderEndpointAndModel()
    {
        var metadata = Client().GetService<ChatClientMetadata>();

        Assert.Equal("ollama", metadata?.ProviderName);
        Assert.Equal(_server.Endpoint, metadata?.ProviderUri);
        Assert.Equal("llama3.2", metadata?.DefaultModelId);
    }

    private static JsonElement WithoutIds(JsonElement request)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(request.GetRawText())!;
        foreach (var message in node["messages"]!.AsArray())
        {
            message!.AsObject().Remove("tool_call_id");
            foreach (var call in message["tool_calls"]?.AsArray() ?? [])
            {
                call!.AsObject().Remove("id");
                call["function"]!.AsObject().Remove("index");
            }
        }

        return Some.Json(node.ToJsonString());
    }

    private static JsonElement WithoutStreamFalse(JsonElement request)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(request.GetRawText())!.AsObject();
        Assert.False(node["stream"]!.GetValue<bool>());
        node.Remove("stream");
        return Some.Json(node.ToJsonString());
    }
}
