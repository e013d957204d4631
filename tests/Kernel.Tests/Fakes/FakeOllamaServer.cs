using System.Text.Json;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>
/// A fake Ollama: replays bodies from <c>../shared/fixtures/ollama</c> on <c>/api/chat</c>, <c>/api/tags</c> and
/// <c>/api/show</c> — whole JSON, or NDJSON one compact line per chunk, flushed line by line like the real server.
/// </summary>
public sealed class FakeOllamaServer : IAsyncDisposable
{
    private FakeOllamaServer(FakeLlmServer server) => Server = server;

    /// <summary>The underlying HTTP server.</summary>
    public FakeLlmServer Server { get; }

    /// <summary>The base address to give the client as its endpoint.</summary>
    public Uri Endpoint => Server.BaseAddress;

    /// <summary>Requests to <c>/api/chat</c>, parsed.</summary>
    public IReadOnlyList<JsonElement> ChatRequests => [.. Server.Requests.Where(r => r.Path == "/api/chat").Select(r => r.Json)];

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeOllamaServer> StartAsync() => new(await FakeLlmServer.StartAsync());

    /// <summary>Text of a fixture in <c>fixtures/ollama</c>.</summary>
    public static string Fixture(string name) => SharedFiles.ReadShared("fixtures", "ollama", name);

    /// <summary>
    /// The JSON body in the line of a fixture that contains <paramref name="marker"/>: the error samples are quoted
    /// one per line with a prefix such as <c>Ollama API error 400: </c>.
    /// </summary>
    public static string FixtureLineJson(string name, string marker)
    {
        var line = Fixture(name).Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        return line[line.IndexOf('{', StringComparison.Ordinal)..].Trim();
    }

    /// <summary>Answers the next /api/chat with a whole JSON body.</summary>
    public void EnqueueChat(string json, int status = 200) => Server.Enqueue("/api/chat", ScriptedResponse.Json(json, status));

    /// <summary>Answers the next /api/chat with an NDJSON stream, one line per JSON document given (pretty-printed fixtures are compacted).</summary>
    public void EnqueueChatStream(params IEnumerable<string> chunks) => EnqueueChatStream(chunks.Select(c => new ResponsePart(Compact(c) + "\n")));

    /// <summary>Answers the next /api/chat with an NDJSON stream written part by part.</summary>
    public void EnqueueChatStream(IEnumerable<ResponsePart> parts) =>
        Server.Enqueue("/api/chat", new ScriptedResponse(200, "application/x-ndjson", [.. parts]));

    /// <summary>Answers the next request to <paramref name="path"/> with a JSON body.</summary>
    public void Enqueue(string path, string json, int status = 200) => Server.Enqueue(path, ScriptedResponse.Json(json, status));

    /// <summary>One NDJSON line for a (possibly pretty-printed) JSON document.</summary>
    public static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
