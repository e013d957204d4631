using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Execution;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Proxmox;
using PveAgent.Simulator.Telemetry;

namespace PveAgent.Benchmarks.Support;

/// <summary>The repository's cluster.yaml on the in-process simulator, wired as the CLI wires it, with a clock of the caller's choosing.</summary>
public sealed class SimulatedLab : IDisposable
{
    public SimulatedLab(TimeProvider clock, string? stateDirectory = null)
    {
        Clock = clock;
        var path = Path.Combine(RepositoryRoot, "cluster.yaml");
        Config = new ClusterConfigLoader().Load(File.ReadAllText(path), path).Config!;
        var inference = new InferenceSimulator(new InferenceSimulatorOptions());
        Engine = new SimulatorEngine(
            Config,
            new PveAgentSimulatorOptions { PersistState = stateDirectory is not null, StateDirectory = stateDirectory },
            [inference, new TelemetrySimulator(inference)],
            clock);
        Engine.InitializeAsync().GetAwaiter().GetResult();
        Handler = new SimulatorMessageHandler(Engine);
        var (host, port) = ProxmoxApiSimulator.ApiAddressFor(Config);
        Proxmox = ProxmoxApiClient.Create(
            Config.Proxmox!,
            new ProxmoxCredentials(ProxmoxApiSimulator.TokenIdFor(Config), Engine.Options.TokenSecret),
            NullLoggerFactory.Instance,
            clock,
            Handler,
            new Uri($"http://{host}:{port}/api2/json/"),
            // The request timeout runs on the injected clock: with a fast clock it must be long in simulated time.
            new ProxmoxClientOptions { RequestTimeout = TimeSpan.FromDays(7), DefaultTaskTimeout = TimeSpan.FromDays(7) });
        Http = new HttpClient(Handler, disposeHandler: false);
        var nodes = Config with
        {
            Nodes = [.. Config.Nodes.Select(n => n with { Telemetry = new TelemetryConfig { Source = TelemetrySource.NodeAgent, Url = new Uri($"http://{n.Host}:9100/"), TokenEnv = "BENCH" } })],
        };
        Snapshots = new ClusterSnapshotBuilder(nodes, Proxmox, new NodeAgentTelemetryTransport(Http, null, clock, _ => "bench-token-0123456789"), new InferenceServiceProbe(Http), clock, simulated: true);
        Actions = new ClusterActionRunner(Proxmox, clock, Config);
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PveAgent.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Run the benchmarks from inside the repository.");
        }
    }

    public TimeProvider Clock { get; }

    public ClusterConfig Config { get; }

    public SimulatorEngine Engine { get; }

    public SimulatorMessageHandler Handler { get; }

    public ProxmoxApiClient Proxmox { get; }

    public HttpClient Http { get; }

    public ClusterSnapshotBuilder Snapshots { get; }

    public ClusterActionRunner Actions { get; }

    public void Dispose()
    {
        Http.Dispose();
        Proxmox.Dispose();
        Handler.Dispose();
        Engine.Dispose();
    }
}
