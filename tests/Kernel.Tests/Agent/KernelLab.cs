using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Execution;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Guardrails;
using PveAgent.Kernel.Configuration;
using PveAgent.Kernel.Prompts;
using PveAgent.Plugins;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.Simulator.Telemetry;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>
/// The repository's cluster.yaml run by the in-process simulator (Proxmox API, inference servers, node telemetry) on a
/// manual clock, reached through the real client, probe and snapshot builder — what the tools see in production — with
/// the apply side as the CLI composes it: guardrail verdicts, the plan store as journal, the policy guard and the
/// journaled applier over the real action runner.
/// </summary>
internal sealed class KernelLab : IDisposable
{
    private const string AgentTokenVariable = "PVEAGENT_TEST_AGENT_TOKEN";
    private readonly HttpClient _probeHttp;
    private readonly HttpClient _telemetryHttp;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pveagent-kernel-" + Guid.NewGuid().ToString("N"));

    public KernelLab(Func<ClusterSnapshot, ClusterSnapshot>? alter = null)
    {
        var loaded = new ClusterConfigLoader([new RoutingSectionBinder(), new GuardrailsSectionBinder(), new AgentSectionBinder()])
            .Load(File.ReadAllText(SharedFiles.InRepository("cluster.yaml")), "cluster.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var config = loaded.Config!;
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
            new SimulatorMessageHandler(Engine),
            options: new ProxmoxClientOptions { RequestTimeout = Timeout.InfiniteTimeSpan, RetryBaseDelay = TimeSpan.Zero });
        _probeHttp = new HttpClient(new SimulatorMessageHandler(Engine));
        _telemetryHttp = new HttpClient(new SimulatorMessageHandler(Engine));
        var telemetry = new NodeAgentTelemetryTransport(_telemetryHttp, null, Clock, name => name == AgentTokenVariable ? "simulated-agent-token" : null);
        var builder = new ClusterSnapshotBuilder(Config, Api, telemetry, new InferenceServiceProbe(_probeHttp, null, Clock), Clock, simulated: true);
        Snapshots = alter is null ? builder : new AlteredSource(builder, alter);
        Directory.CreateDirectory(_directory);
        Store = new PlanStore(Path.Combine(_directory, PlanStore.FileName), timeProvider: Clock);
        Policy = new PolicyEngine(GuardrailPolicy.Default, ToolCatalog.Default.Tools.ToDictionary(t => t.Name, t => t.Effect, StringComparer.Ordinal));
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public ClusterConfig Config { get; }

    public SimulatorEngine Engine { get; }

    public ProxmoxApiClient Api { get; }

    public IClusterSnapshotSource Snapshots { get; }

    public PlanStore Store { get; }

    public PolicyEngine Policy { get; }

    /// <summary>The planner prompt of the repository's prompts/ folder.</summary>
    public static PromptTemplate Prompt { get; } = new PromptLibrary(SharedFiles.InRepository("prompts")).LoadAsync(PromptLibrary.Planner).GetAwaiter().GetResult();

    public ToolContext NewContext() => new(Snapshots, Api, Config, Clock);

    /// <summary>The plan with the guardrails' verdict on every step, as <c>plan</c> shows it.</summary>
    public async Task<Plan> WithVerdictsAsync(Plan plan) =>
        Policy.WithVerdicts(plan, await Snapshots.ReadAsync(), PolicyHistory.Empty, Clock.GetUtcNow());

    /// <summary>Saves, approves and applies the plan as <c>apply</c> does (policy guard, journal), moving the simulated clock until it is done.</summary>
    public async Task<ApplyReport> ApplyAsync(Plan plan)
    {
        await Store.SaveAsync(plan);
        var applier = new PlanApplier(new ClusterActionRunner(Api, Clock, Config), Snapshots, Store, Clock, new PolicyGuard(Policy, Store, Clock));
        var task = Start(() => applier.ApplyAsync(plan, new ApplyOptions { Approved = true }));
        var until = Clock.GetUtcNow() + TimeSpan.FromHours(2);
        while (!task.IsCompleted && Clock.GetUtcNow() < until)
        {
            Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(task.IsCompleted, "The apply did not finish within two simulated hours.");
        return await task;
    }

    public async Task<IReadOnlyList<ClusterResource>> GuestsAsync() => await Api.GetClusterResourcesAsync(ClusterResourceType.Vm);

    public async Task<IReadOnlyList<string>> SnapshotNamesAsync(int vmId)
    {
        var guest = (await GuestsAsync()).Single(g => g.VmId == vmId);
        var type = guest.Type == "lxc" ? GuestType.Lxc : GuestType.Qemu;
        return [.. (await Api.ListSnapshotsAsync(guest.Node!, type, vmId)).Select(s => s.Name).Where(n => n != "current")];
    }

    public void Dispose()
    {
        Api.Dispose();
        _probeHttp.Dispose();
        _telemetryHttp.Dispose();
        Engine.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: SQLite may still hold the file for a moment.
        }
    }

    // Continuations of code started with no synchronization context run inline on the thread that fires the timers.
    private static Task<T> Start<T>(Func<Task<T>> work)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return work();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private void Advance(TimeSpan by)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Clock.Advance(by);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>The real snapshots with a change applied (e.g. a guest renamed to carry an injection).</summary>
    private sealed class AlteredSource(IClusterSnapshotSource inner, Func<ClusterSnapshot, ClusterSnapshot> alter) : IClusterSnapshotSource
    {
        public async Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default) => alter(await inner.ReadAsync(cancellationToken));
    }
}
