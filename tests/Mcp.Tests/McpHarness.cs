using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PveAgent.Core.Execution;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Security;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Guardrails;
using PveAgent.Guardrails.Audit;
using PveAgent.Plugins;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Telemetry;
using PveAgent.TestSupport;

namespace PveAgent.Mcp.Tests;

/// <summary>
/// The PveAgent MCP server and the SDK's own client, connected in memory over two pipes, the server acting on the
/// repository's cluster.yaml run by the in-process simulator on a manual clock, with plans and the audit log in a
/// temporary state directory. What a desktop client sees, minus the process.
/// </summary>
internal sealed class McpHarness : IAsyncDisposable
{
    /// <summary>The latest revision that negotiates through <c>initialize</c>.</summary>
    public const string HandshakeRevision = "2025-11-25";

    private const string AgentTokenVariable = "PVEAGENT_TEST_AGENT_TOKEN";
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _owned = [];
    private Task _server = Task.CompletedTask;

    private McpHarness(ClusterConfig config)
    {
        // The sample file reads telemetry over ssh; here every node runs the node agent the simulator serves.
        Config = config with
        {
            Nodes = [.. config.Nodes.Select(n => n with
            {
                Telemetry = new TelemetryConfig { Source = TelemetrySource.NodeAgent, Url = new Uri($"http://{n.Host}:9100"), TokenEnv = AgentTokenVariable },
            })],
        };
        var inference = new InferenceSimulator();
        Engine = new SimulatorEngine(Config, new PveAgentSimulatorOptions { PersistState = false }, [inference, new TelemetrySimulator(inference)], Clock);
        Api = ProxmoxApiClient.Create(
            Config.Proxmox!,
            new ProxmoxCredentials("pveagent@pve!orchestrator", PveAgentSimulatorOptions.DefaultTokenSecret),
            NullLoggerFactory.Instance,
            Clock,
            Own(new SimulatorMessageHandler(Engine)),
            options: new ProxmoxClientOptions { RequestTimeout = Timeout.InfiniteTimeSpan, RetryBaseDelay = TimeSpan.Zero });
        var probeHttp = Own(new HttpClient(new SimulatorMessageHandler(Engine)));
        var telemetryHttp = Own(new HttpClient(new SimulatorMessageHandler(Engine)));
        Telemetry = new NodeAgentTelemetryTransport(telemetryHttp, null, Clock, name => name == AgentTokenVariable ? "simulated-agent-token" : null);
        Snapshots = new ClusterSnapshotBuilder(Config, Api, Telemetry, new InferenceServiceProbe(probeHttp, null, Clock), Clock, simulated: true);
        Redactor.Register(PveAgentSimulatorOptions.DefaultTokenSecret);
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public ClusterConfig Config { get; }

    public SimulatorEngine Engine { get; }

    public ProxmoxApiClient Api { get; }

    public ITelemetryTransport Telemetry { get; }

    public IClusterSnapshotSource Snapshots { get; }

    public SecretRedactor Redactor { get; } = new();

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("pveagent-mcp-").FullName;

    public McpClient Client { get; private set; } = null!;

    /// <summary>How many times the server connected to the cluster.</summary>
    public int Connects { get; private set; }

    /// <summary>The elicitation requests the client received, in order.</summary>
    public List<ElicitRequestParams> Elicitations { get; } = [];

    public PlanStore Store => PlanStore.InDirectory(StateDirectory, Redactor, Clock);

    public AuditLog Audit => AuditLog.InDirectory(StateDirectory, Redactor, Clock);

    /// <summary>Starts a server for cluster.yaml plus <paramref name="guardrails"/> (YAML of the <c>guardrails:</c> section, or none) and connects a client.</summary>
    /// <param name="guardrails">The <c>guardrails:</c> section to append, e.g. <c>"guardrails:\n  mode: approve-writes\n"</c>.</param>
    /// <param name="answer">The person's answer to an approval form; null: the client has no elicitation capability.</param>
    /// <param name="configProblem">When set, loading cluster.yaml fails with this message.</param>
    /// <param name="prompts">Folder of prompts to serve.</param>
    /// <param name="connectFailure">When set, connecting to the cluster throws it.</param>
    /// <param name="protocolVersion">
    /// The protocol revision the client asks for: by default the latest that negotiates through <c>initialize</c>, as desktop
    /// clients do (the server's front door answers it); null lets the SDK client probe <c>server/discover</c> first.
    /// </param>
    public static async Task<McpHarness> StartAsync(
        string? guardrails = null,
        Func<ElicitRequestParams, ElicitResult>? answer = null,
        string? configProblem = null,
        string? prompts = null,
        Exception? connectFailure = null,
        string? protocolVersion = HandshakeRevision)
    {
        var text = File.ReadAllText(SharedFiles.InRepository("cluster.yaml")) + (guardrails is null ? "" : "\n" + guardrails);
        var loaded = new ClusterConfigLoader([new GuardrailsSectionBinder(), new RoutingSectionBinder()]).Load(text, "cluster.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var harness = new McpHarness(loaded.Config!);
        await harness.ConnectAsync(answer, configProblem, prompts, connectFailure, protocolVersion);
        return harness;
    }

    /// <summary>Calls a tool while moving the clock whenever the server waits on it (Proxmox tasks take simulated minutes).</summary>
    public async Task<CallToolResult> CallWhileTimePassesAsync(string tool, IReadOnlyDictionary<string, object?>? arguments = null, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default)
    {
        var call = Client.CallToolAsync(tool, arguments, progress, cancellationToken: cancellationToken).AsTask();
        var limit = Clock.GetUtcNow() + TimeSpan.FromHours(2);
        while (!call.IsCompleted)
        {
            Assert.True(Clock.GetUtcNow() < limit, $"{tool} did not finish within two simulated hours");
            if (Clock.ActiveTimers > 0)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Yield();
        }

        return await call;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _toServer.Writer.Complete();
        _toClient.Writer.Complete();
        await _stop.CancelAsync();
        try
        {
            await _server;
        }
        catch (OperationCanceledException)
        {
            // The server stops when told to.
        }

        _stop.Dispose();
        Api.Dispose();
        Engine.Dispose();
        _owned.ForEach(d => d.Dispose());
        Directory.Delete(StateDirectory, recursive: true);
    }

    private async Task ConnectAsync(Func<ElicitRequestParams, ElicitResult>? answer, string? configProblem, string? prompts, Exception? connectFailure, string? protocolVersion)
    {
        var setup = new McpServerSetup
        {
            LoadConfigAsync = _ => configProblem is null ? Task.FromResult(Config) : Task.FromException<ClusterConfig>(new McpSetupException(configProblem)),
            ConnectAsync = (config, _) =>
            {
                Connects++;
                if (connectFailure is not null)
                {
                    return Task.FromException<McpCluster>(connectFailure);
                }

                return Task.FromResult(new McpCluster
                {
                    Snapshots = Snapshots,
                    Actions = new ClusterActionRunner(Api, Clock, config),
                    Redactor = Redactor,
                    NewToolContext = () => new ToolContext(Snapshots, Api, config, Clock) { Telemetry = Telemetry },
                });
            },
            StateDirectory = StateDirectory,
            PromptsDirectory = prompts,
            Clock = Clock,
            Version = "9.9.9-test",
        };
        _server = PveAgentMcpServer.RunAsync(setup, _toServer.Reader.AsStream(), _toClient.Writer.AsStream(), _stop.Token);
        var options = new McpClientOptions { ClientInfo = new Implementation { Name = "harness", Version = "1" }, ProtocolVersion = protocolVersion };
        if (answer is not null)
        {
            options.Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    Elicitations.Add(request!);
                    return ValueTask.FromResult(answer(request!));
                },
            };
        }

        Client = await McpClient.CreateAsync(new StreamClientTransport(_toServer.Writer.AsStream(), _toClient.Reader.AsStream()), options);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
