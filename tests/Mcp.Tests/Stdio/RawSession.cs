using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Server;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Guardrails;
using PveAgent.TestSupport;

namespace PveAgent.Mcp.Tests.Stdio;

/// <summary>
/// A client that speaks line-delimited JSON-RPC by hand to a server on the repository's cluster.yaml (plus a guardrails
/// section), either through the stdio front door (<see cref="PveAgentMcpServer.RunAsync(McpServerSetup, Stream, Stream, CancellationToken)"/>)
/// or to the SDK server alone — what each path puts on the wire, byte for byte.
/// </summary>
internal sealed class RawSession : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("pveagent-raw-").FullName;

    private RawSession(bool frontDoor, string? guardrails, Func<CancellationToken, Task<ClusterConfig>>? loadConfig)
    {
        var text = File.ReadAllText(SharedFiles.InRepository("cluster.yaml")) + (guardrails is null ? "" : "\n" + guardrails);
        ConfigFile = Path.Combine(_directory, "cluster.yaml");
        File.WriteAllText(ConfigFile, text);
        var setup = new McpServerSetup
        {
            LoadConfigAsync = loadConfig ?? (_ => Task.FromResult(Load(text))),
            ConfigFile = ConfigFile,
            ConnectAsync = (_, _) => throw new McpSetupException("This session has no cluster."),
            StateDirectory = _directory,
            Version = "9.9.9-test",
        };
        var input = _toServer.Reader.AsStream();
        var output = _toClient.Writer.AsStream();
        Server = frontDoor
            ? PveAgentMcpServer.RunAsync(setup, input, output, _stop.Token)
            : PveAgentMcpServer.RunAsync(setup, new StreamServerTransport(input, output), _stop.Token);
        _reader = new StreamReader(_toClient.Reader.AsStream(), Encoding.UTF8);
    }

    /// <summary>The server's run; it ends when the input does.</summary>
    public Task Server { get; }

    /// <summary>The cluster.yaml the server was given.</summary>
    public string ConfigFile { get; }

    /// <summary>A session through the front door.</summary>
    public static RawSession ThroughFrontDoor(string? guardrails = null, Func<CancellationToken, Task<ClusterConfig>>? loadConfig = null) => new(true, guardrails, loadConfig);

    /// <summary>A session with the SDK server alone.</summary>
    public static RawSession SdkAlone(string? guardrails = null) => new(false, guardrails, null);

    public static string Initialize(string? protocolVersion, object id, string capabilities = "{}")
    {
        var version = protocolVersion is null ? "" : $"\"protocolVersion\":\"{protocolVersion}\",";
        return Request("initialize", id, "{" + version + "\"capabilities\":" + capabilities + ""","clientInfo":{"name":"raw","version":"1"}}""");
    }

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public static string Request(string method, object id, string parameters = "{}") =>
        $$"""{"jsonrpc":"2.0","id":{{JsonSerializer.Serialize(id)}},"method":"{{method}}","params":{{parameters}}}""";

    public async Task SendAsync(params string[] lines)
    {
        await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
    }

    /// <summary>Closes the server's input (as a client closing stdin).</summary>
    public async Task EndInputAsync() => await _toServer.Writer.CompleteAsync();

    /// <summary>The next message the server sends.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var line = await _reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(line);
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>Messages until the answer to <paramref name="id"/>, that answer last.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(object id)
    {
        var expected = JsonSerializer.SerializeToElement(id);
        var received = new List<JsonElement>();
        do
        {
            received.Add(await ReceiveAsync());
        }
        while (!(received[^1].TryGetProperty("id", out var got) && JsonElement.DeepEquals(got, expected) && !received[^1].TryGetProperty("method", out _)));
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _stop.CancelAsync();
        try
        {
            await Server;
        }
        catch (OperationCanceledException)
        {
            // The server stops when told to.
        }

        await _toClient.Writer.CompleteAsync();
        _reader.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static ClusterConfig Load(string text)
    {
        var loaded = new ClusterConfigLoader([new GuardrailsSectionBinder(), new RoutingSectionBinder()]).Load(text, "cluster.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Config!;
    }
}
