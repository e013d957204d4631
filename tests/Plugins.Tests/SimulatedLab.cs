using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Plugins.Planning;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Telemetry;
using PveAgent.TestSupport;

namespace PveAgent.Plugins.Tests;

/// <summary>
/// The repository's cluster.yaml run by the in-process simulator: Proxmox API, inference servers and node telemetry,
/// reached through the real client, probe and telemetry transport, on a manual clock. What the tools see in production.
/// </summary>
internal sealed class SimulatedLab : IDisposable
{
    private const string AgentTokenVariable = "PVEAGENT_TEST_AGENT_TOKEN";
    private readonly HttpClient _probeHttp;
    private readonly HttpClient _telemetryHttp;

    private SimulatedLab()
    {
        var loaded = new ClusterConfigLoader().Load(File.ReadAllText(SharedFiles.InRepository("cluster.yaml")), "cluster.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var config = loaded.Config!;

        // The sample file reads telemetry over ssh; here every node runs the node agent the simulator serves on :9100.
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
            new SimulatorMessageHandler(Engine));
        _probeHttp = new HttpClient(new SimulatorMessageHandler(Engine));
        _telemetryHttp = new HttpClient(new SimulatorMessageHandler(Engine));
        Telemetry = new NodeAgentTelemetryTransport(_telemetryHttp, null, Clock, name => name == AgentTokenVariable ? "simulated-agent-token" : null);
        Snapshots = new CountingSource(new ClusterSnapshotBuilder(Config, Api, Telemetry, new InferenceServiceProbe(_probeHttp, null, Clock), Clock, simulated: true));
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public ClusterConfig Config { get; }

    public SimulatorEngine Engine { get; }

    public ProxmoxApiClient Api { get; }

    public ITelemetryTransport Telemetry { get; }

    public CountingSource Snapshots { get; }

    public static SimulatedLab Start() => new();

    public ToolContext NewContext() => new(Snapshots, Api, Config, Clock) { Telemetry = Telemetry };

    public PlanningSession NewSession() => new(ToolCatalog.Default, NewContext());

    /// <summary>Every task the simulated cluster knows, as UPIDs (changes only when something acted on the cluster).</summary>
    public async Task<IReadOnlyList<string>> TaskIdsAsync() => [.. (await Api.GetClusterTasksAsync()).Select(t => t.Upid).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        Api.Dispose();
        _probeHttp.Dispose();
        _telemetryHttp.Dispose();
        Engine.Dispose();
    }

    /// <summary>Counts reads, so tests can see that one planning session reads the cluster once.</summary>
    internal sealed class CountingSource(IClusterSnapshotSource inner) : IClusterSnapshotSource
    {
        private int _reads;

        public int Reads => _reads;

        public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAsync(cancellationToken);
        }
    }
}
