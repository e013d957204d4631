using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Simulation;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Proxmox;
using PveAgent.Simulator.Telemetry;

namespace PveAgent.Benchmarks.State;

/// <summary>
/// One status refresh over the in-process simulator (real wire format, no sockets) for synthetic clusters of 10 to
/// 1,000 nodes: PveAgent's snapshot (one <c>/cluster/resources</c> call, then telemetry and service probes in
/// parallel) against the per-node scan scripts usually do (<c>/nodes</c>, then status, qemu and lxc lists per node).
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private SimulatorEngine _engine = null!;
    private SimulatorMessageHandler _handler = null!;
    private ProxmoxApiClient _client = null!;
    private ClusterSnapshotBuilder _snapshots = null!;
    private ClusterSnapshotBuilder _proxmoxOnly = null!;
    private ClusterConfig _config = null!;

    [Params(10, 100, 1000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _config = SyntheticCluster.Create(Nodes, seed: 1);
        var inference = new InferenceSimulator(new InferenceSimulatorOptions());
        _engine = new SimulatorEngine(_config, new PveAgentSimulatorOptions { PersistState = false }, [inference, new TelemetrySimulator(inference)]);
        _engine.InitializeAsync().GetAwaiter().GetResult();
        _handler = new SimulatorMessageHandler(_engine);
        var (host, port) = ProxmoxApiSimulator.ApiAddressFor(_config);
        var connection = new ProxmoxConnectionConfig { Host = host, Port = port, User = "pveagent@pve", TokenName = "pveagent", TokenSecret = new TokenSecretSource() };
        _client = ProxmoxApiClient.Create(
            connection,
            new ProxmoxCredentials(ProxmoxApiSimulator.TokenIdFor(_config), _engine.Options.TokenSecret),
            NullLoggerFactory.Instance,
            TimeProvider.System,
            _handler,
            new Uri($"http://{host}:{port}/api2/json/"));
        var http = new HttpClient(_handler, disposeHandler: false);
        var telemetry = new NodeAgentTelemetryTransport(http, new HttpTelemetryOptions(), TimeProvider.System, _ => "bench-token-0123456789");
        _snapshots = new ClusterSnapshotBuilder(WithNodeAgents(_config), _client, telemetry, new InferenceServiceProbe(http), TimeProvider.System, simulated: true);
        var bare = _config with { Nodes = [.. _config.Nodes.Select(n => n with { Services = [], Accelerators = [] })] };
        _proxmoxOnly = new ClusterSnapshotBuilder(bare, _client, telemetry, new InferenceServiceProbe(http), TimeProvider.System, simulated: true);
    }

    /// <summary>The whole refresh <c>pve-agent status</c> does: cluster resources + telemetry of every node + every service probe.</summary>
    [Benchmark]
    public Task<ClusterSnapshot> SnapshotWithTelemetryAndProbes() => _snapshots.ReadAsync();

    /// <summary>PveAgent's Proxmox part alone: one <c>/cluster/resources</c> call mapped to nodes and guests.</summary>
    [Benchmark]
    public Task<ClusterSnapshot> SnapshotProxmoxOnly() => _proxmoxOnly.ReadAsync();

    /// <summary>Baseline: the per-node scan (1 + 3 × nodes requests) that gives the same node and guest facts.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PerNodeScanBaseline()
    {
        var guests = 0;
        var nodes = await _client.GetNodesAsync();
        foreach (var node in nodes)
        {
            await _client.GetNodeStatusAsync(node.Node);
            guests += (await _client.ListGuestsAsync(node.Node, GuestType.Qemu)).Count;
            guests += (await _client.ListGuestsAsync(node.Node, GuestType.Lxc)).Count;
        }

        return guests;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _handler.Dispose();
        _engine.Dispose();
    }

    private static ClusterConfig WithNodeAgents(ClusterConfig config) => config with
    {
        Nodes = [.. config.Nodes.Select(n => n with
        {
            Telemetry = new TelemetryConfig { Source = TelemetrySource.NodeAgent, Url = new Uri($"http://{n.Host}:9100/"), TokenEnv = "BENCH" },
        })],
    };
}
