using System.Text.Json;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>
/// A fake OpenAI-compatible server (vLLM / llama.cpp shapes) on <c>/v1/chat/completions</c>: whole JSON bodies, or SSE
/// <c>data: {…}</c> events ending with <c>data: [DONE]</c>.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private FakeOpenAIServer(FakeLlmServer server) => Server = server;

    /// <summary>The underlying HTTP server.</summary>
    public FakeLlmServer Server { get; }

    /// <summary>The OpenAI base URL (with <c>/v1</c>) to give the client.</summary>
    public Uri Endpoint => new(Server.BaseAddress, "v1");

    /// <summary>Requests to <c>/v1/chat/completions</c>.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => [.. Server.Requests.Where(r => r.Path == "/v1/chat/completions")];

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeOpenAIServer> StartAsync() => new(await FakeLlmServer.StartAsync());

    /// <summary>Text of a fixture in <c>fixtures/openai</c>.</summary>
    public static string Fixture(string name) => SharedFiles.ReadShared("fixtures", "openai", name);

    /// <summary>Answers the next chat completion with a whole JSON body.</summary>
    public void EnqueueChat(string json, int status = 200) => Server.Enqueue("/v1/chat/completions", ScriptedResponse.Json(json, status));

    /// <summary>Answers the next chat completion with SSE events, one per JSON payload, then <c>data: [DONE]</c>.</summary>
    public void EnqueueChatStream(params IEnumerable<string> payloads) =>
        EnqueueChatStream([.. payloads.Select(p => new ResponsePart($"data: {Compact(p)}\n\n")), new ResponsePart("data: [DONE]\n\n")]);

    /// <summary>Answers the next chat completion with an SSE stream written part by part.</summary>
    public void EnqueueChatStream(IEnumerable<ResponsePart> parts) =>
        Server.Enqueue("/v1/chat/completions", new ScriptedResponse(200, "text/event-stream", [.. parts]));

    /// <summary>A JSON document on one line.</summary>
    public static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
