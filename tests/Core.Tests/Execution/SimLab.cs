using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Execution;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Core.Tests.Simulation;
using PveAgent.Simulator;
using PveAgent.Simulator.Inference;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Execution;

/// <summary>
/// The in-process simulator (Proxmox API + inference servers, state in memory) on a manual clock, with the real Proxmox
/// client and an inference HttpClient talking to it through <see cref="SimulatorMessageHandler"/>; every request is recorded.
/// </summary>
/// <remarks>
/// Code under test is started with no synchronization context (<see cref="Start{T}"/>), so its continuations run inline
/// on the thread that fires the timers: each <see cref="Advance"/> runs it up to its next wait, deterministically.
/// </remarks>
internal sealed class SimLab : IDisposable
{
    public SimLab(ClusterConfig? config = null)
    {
        Config = config ?? SampleCluster.Config;
        Clock = new ManualTimeProvider();
        Inference = new InferenceSimulator(new InferenceSimulatorOptions { TimeScale = 1 });
        Engine = new SimulatorEngine(Config, new PveAgentSimulatorOptions { PersistState = false }, [Inference], Clock);
        Requests = new RecordingHandler(new SimulatorMessageHandler(Engine));
        Proxmox = ProxmoxApiClient.Create(
            Config.Proxmox!,
            new ProxmoxCredentials($"{Config.Proxmox!.User}!{Config.Proxmox.TokenName}", PveAgentSimulatorOptions.DefaultTokenSecret),
            NullLoggerFactory.Instance,
            Clock,
            Requests,
            options: new ProxmoxClientOptions { RequestTimeout = Timeout.InfiniteTimeSpan, RetryBaseDelay = TimeSpan.Zero });
        InferenceRequests = new RecordingHandler(new SimulatorMessageHandler(Engine));
        Http = new HttpClient(InferenceRequests, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ClusterConfig Config { get; }

    public ManualTimeProvider Clock { get; }

    public SimulatorEngine Engine { get; }

    public InferenceSimulator Inference { get; }

    /// <summary>Every request the Proxmox client sent.</summary>
    public RecordingHandler Requests { get; }

    public ProxmoxApiClient Proxmox { get; }

    /// <summary>A client for the inference servers (no timeout of its own).</summary>
    public HttpClient Http { get; }

    /// <summary>Requests the inference client sent.</summary>
    public RecordingHandler InferenceRequests { get; }

    /// <summary>Starts <paramref name="work"/> with no synchronization context, so it runs until its first wait on the clock.</summary>
    public static Task<T> Start<T>(Func<Task<T>> work)
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

    /// <summary>Starts <paramref name="work"/> and moves the clock in <paramref name="step"/>s until it completes (at most <paramref name="limit"/>).</summary>
    public async Task<T> Run<T>(Func<Task<T>> work, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var task = Start(work);
        await Drive(task, step, limit);
        return await task;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which does real I/O (reading an input file) before it asks <paramref name="gate"/> for a
    /// snapshot: waits until it is parked there, releases it from this thread, then drives the clock as <see cref="Run{T}"/> does.
    /// </summary>
    public async Task<T> RunAfterIo<T>(GatedSnapshots gate, Func<Task<T>> work, TimeSpan? step = null)
    {
        var task = Start(work);
        await Task.WhenAny(gate.Entered, task).WaitAsync(TimeSpan.FromSeconds(30));
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            gate.Open();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }

        await Drive(task, step);
        return await task;
    }

    /// <summary>Moves the clock until <paramref name="task"/> completes (bounded, so a hang fails the test).</summary>
    public async Task Drive(Task task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(100);
        var until = Clock.GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        while (!task.IsCompleted && Clock.GetUtcNow() < until)
        {
            Advance(by);
        }

        Assert.True(task.IsCompleted, "The work did not complete within the simulated time limit.");
        await task;
    }

    /// <summary>Moves the clock with no synchronization context, so continuations run inside the advance.</summary>
    public void Advance(TimeSpan by)
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

    /// <summary>Snapshots as the CLI takes them: the real builder over the simulated API and services (no accelerator telemetry).</summary>
    public ClusterSnapshotBuilder Snapshots() =>
        new(Config, Proxmox, new NoTelemetry(), new InferenceServiceProbe(Http, null, Clock), Clock, simulated: true);

    /// <summary>The execution stack as the CLI composes it: action runner, ensurer, task runner, and the runner that delegates task actions.</summary>
    public (TaskRunner Tasks, ClusterActionRunner Actions) Stack(IClusterSnapshotSource? snapshots = null, LatencyWindows? latencies = null)
    {
        var actions = new ClusterActionRunner(Proxmox, Clock, Config);
        var ensurer = new ServiceEnsurer(actions, Proxmox, Http, Clock);
        var tasks = new TaskRunner(snapshots ?? Snapshots(), ensurer, new InferenceExecutors(Http, Clock), latencies ?? new LatencyWindows(), Clock);
        return (tasks, actions.WithTaskRunner(tasks));
    }

    /// <summary>Stops a guest through the API and lets the stop task finish.</summary>
    public Task StopGuestAsync(string node, GuestType type, int vmId) =>
        Run(async () => await Proxmox.WaitForTaskAsync(await Proxmox.StopGuestAsync(node, type, vmId)));

    /// <summary>Requests being served right now by one simulated service.</summary>
    public int InFlight(string node, string service) =>
        Inference.GetServices(Engine.Context).Single(s => s.Node == node && s.Service == service).InFlight;

    public void Dispose()
    {
        Http.Dispose();
        Proxmox.Dispose();
        Engine.Dispose();
    }
}
