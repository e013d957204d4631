using Microsoft.Extensions.Logging;
using PveAgent.Core.Execution;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Security;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Proxmox;
using PveAgent.Simulator.Telemetry;

namespace PveAgent.Cli.Composition;

/// <summary>
/// Everything a command needs to talk to the cluster, composed once per run: the Proxmox client, telemetry, service
/// probes and the snapshot builder — against the built-in simulator when <c>cluster.simulate</c> is true, else against
/// the real hosts. Nothing else in the CLI knows which of the two it is talking to.
/// </summary>
internal sealed class ClusterSession : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private ClusterSession(ClusterConfig config, string stateDirectory, CliLogging logging, SecretRedactor redactor, TimeProvider clock)
    {
        Config = config;
        StateDirectory = stateDirectory;
        Logging = logging;
        Redactor = redactor;
        Clock = clock;
    }

    public ClusterConfig Config { get; }

    public string StateDirectory { get; }

    public CliLogging Logging { get; }

    public SecretRedactor Redactor { get; }

    public TimeProvider Clock { get; }

    public bool Simulated => Simulator is not null;

    public SimulatorEngine? Simulator { get; private set; }

    public IProxmoxApi Proxmox { get; private set; } = null!;

    /// <summary>HTTP client for inference services and node agents (the simulator's transport when simulated).</summary>
    public HttpClient ServiceHttp { get; private set; } = null!;

    public ITelemetryTransport Telemetry { get; private set; } = null!;

    public InferenceServiceProbe Probe { get; private set; } = null!;

    public ClusterSnapshotBuilder Snapshots { get; private set; } = null!;

    /// <summary>Measured latencies per model on each service, kept across runs (<c>latencies.json</c>).</summary>
    public LatencyJournal LatencyJournal { get; private set; } = null!;

    public LatencyWindows Latencies { get; private set; } = null!;

    /// <summary>Carries out cluster actions (plan steps) through the Proxmox API.</summary>
    public ClusterActionRunner Actions { get; private set; } = null!;

    /// <summary>Routes and runs AI tasks: ensure the service is up, execute, fall back.</summary>
    public TaskRunner Tasks { get; private set; } = null!;

    /// <summary>Opens a session for <paramref name="config"/>; prints the simulator's notice (re-seeded world) to stderr.</summary>
    public static async Task<ClusterSession> OpenAsync(CliEnvironment environment, ClusterConfig config, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        var stateDirectory = Core.Storage.StateDirectory.EnsureCreated(environment.GetEnvironmentVariable);
        var redactor = new SecretRedactor();
        var logging = CliLogging.Create(redactor, environment.Error, verbose, Core.Storage.StateDirectory.EnsureCreated(Path.Combine(stateDirectory, "logs")));
        var session = new ClusterSession(config, stateDirectory, logging, redactor, environment.Clock);
        try
        {
            if (config.Cluster.Simulate)
            {
                await session.ConnectSimulatorAsync(environment, cancellationToken);
            }
            else
            {
                session.ConnectReal(environment);
            }

            session.Snapshots = new ClusterSnapshotBuilder(config, session.Proxmox, session.Telemetry, session.Probe, session.Clock, session.Simulated);
            session.LatencyJournal = new LatencyJournal(Path.Combine(stateDirectory, "latencies.json"));
            session.Latencies = session.LatencyJournal.Load();
            var actions = new ClusterActionRunner(session.Proxmox, session.Clock, config);
            var ensurer = new ServiceEnsurer(actions, session.Proxmox, session.ServiceHttp, session.Clock);
            session.Tasks = new TaskRunner(
                session.Snapshots,
                ensurer,
                new InferenceExecutors(session.ServiceHttp, session.Clock),
                session.Latencies,
                session.Clock,
                new TaskRunnerOptions { Routing = RoutingSectionBinder.OptionsFor(config) });
            session.Actions = actions.WithTaskRunner(session.Tasks);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>A simulator engine for this registry and state directory (also used by <c>sim serve</c> and <c>sim reset</c>).</summary>
    public static SimulatorEngine CreateSimulator(ClusterConfig config, string stateDirectory, TimeProvider clock, ILoggerFactory? loggerFactory = null)
    {
        var inference = new InferenceSimulator(new InferenceSimulatorOptions());
        var telemetry = new TelemetrySimulator(inference, new TelemetrySimulatorOptions());
        return new SimulatorEngine(
            config,
            new PveAgentSimulatorOptions { StateDirectory = stateDirectory },
            [inference, telemetry],
            clock,
            loggerFactory?.CreateLogger<SimulatorEngine>());
    }

    private async Task ConnectSimulatorAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var engine = CreateSimulator(Config, StateDirectory, Clock, Logging.Factory);
        _owned.Add(engine);
        Simulator = engine;
        if (await engine.InitializeAsync(cancellationToken) is { } notice)
        {
            await environment.Error.WriteLineAsync("note: " + notice);
        }

        var handler = new SimulatorMessageHandler(engine);
        _owned.Add(handler);
        var (host, port) = ProxmoxApiSimulator.ApiAddressFor(Config);
        var connection = Config.Proxmox ?? new ProxmoxConnectionConfig
        {
            Host = host,
            Port = port,
            User = ProxmoxApiSimulator.DefaultTokenId.Split('!')[0],
            TokenName = ProxmoxApiSimulator.DefaultTokenId.Split('!')[1],
            TokenSecret = new TokenSecretSource(),
        };
        var credentials = new ProxmoxCredentials(ProxmoxApiSimulator.TokenIdFor(Config), engine.Options.TokenSecret);
        credentials.RegisterSecretWith(Redactor);
        var client = ProxmoxApiClient.Create(connection, credentials, Logging.Factory, Clock, handler, new Uri($"http://{host}:{port}/api2/json/"));
        _owned.Add(client);
        Proxmox = client;

        ServiceHttp = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _owned.Add(ServiceHttp);
        Telemetry = new SimulatedTelemetryTransport(ServiceHttp, Clock);
        Probe = new InferenceServiceProbe(ServiceHttp, new InferenceProbeOptions(), Clock);
    }

    private void ConnectReal(CliEnvironment environment)
    {
        var connection = Config.Proxmox ?? throw new UserFacingException(
            "cluster.yaml has no proxmox: connection and simulate is not true",
            "add cluster.proxmox (host, user, token_name, token_value_env) or set cluster.simulate: true");
        var credentials = ProxmoxCredentials.Resolve(connection, environment.GetEnvironmentVariable);
        credentials.RegisterSecretWith(Redactor);
        if (connection.InsecureSkipVerify)
        {
            environment.Error.WriteLine($"warning: TLS certificate verification is OFF for {connection.Host}:{connection.Port} (insecure_skip_verify: true). Pin the certificate instead: fingerprint: \"AB:CD:…\" (pve-agent discover prints it).");
        }

        var client = ProxmoxApiClient.Create(connection, credentials, Logging.Factory, Clock, environment.NetworkHandler);
        _owned.Add(client);
        Proxmox = client;

        ServiceHttp = environment.NetworkHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        ServiceHttp.Timeout = Timeout.InfiniteTimeSpan;
        _owned.Add(ServiceHttp);
        var ssh = new SshTelemetryTransport(new SystemProcessRunner(Clock));
        var nodeAgent = new NodeAgentTelemetryTransport(ServiceHttp, new HttpTelemetryOptions(), Clock, environment.GetEnvironmentVariable);
        var exporter = new ExporterTelemetryTransport(ServiceHttp, new HttpTelemetryOptions(), Clock);
        Telemetry = new TelemetryTransportSelector(ssh, nodeAgent, exporter);
        Probe = new InferenceServiceProbe(ServiceHttp, new InferenceProbeOptions(), Clock);
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        Logging.Dispose();
    }
}
