using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Plans;

/// <summary>Where <see cref="FakeActionRunner"/> "crashes" (throws <see cref="SimulatedCrashException"/>) for one action.</summary>
public enum CrashPoint
{
    /// <summary>In StartAsync before anything was sent.</summary>
    BeforeSend,

    /// <summary>In StartAsync after the task started, before the caller learns its id.</summary>
    AfterSendBeforeUpid,

    /// <summary>In WaitAsync before the task finished (the caller has the id).</summary>
    AfterUpidRecorded,

    /// <summary>In WaitAsync after the task finished successfully, before the caller hears so.</summary>
    AfterSuccess,
}

/// <summary>The process "dies": the applier must not treat this as a failed step.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A hand-written <see cref="IActionRunner"/> over a tiny world of tasks: every started task is an execution of its action
/// (so "exactly once" is countable), tasks finish when waited on, and it can crash once at a chosen point of a chosen action.
/// </summary>
internal sealed class FakeActionRunner(TimeProvider timeProvider) : IActionRunner
{
    private int _pid = 0x1000;

    public FakeActionRunner()
        : this(TimeProvider.System)
    {
    }

    public List<FakeTask> Tasks { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>Crash once at this point of this action, then behave.</summary>
    public (ClusterAction Action, CrashPoint Point)? CrashAt { get; set; }

    /// <summary>Actions whose task ends in failure, with the error.</summary>
    public Dictionary<ClusterAction, string> Failures { get; } = [];

    /// <summary>Actions whose start request Proxmox rejects (or gets no answer for) with this exception.</summary>
    public Dictionary<ClusterAction, PveApiException> StartErrors { get; } = [];

    /// <summary>Actions whose effect is already there on recovery (but no task can be found).</summary>
    public HashSet<ClusterAction> EffectPresent { get; } = [];

    /// <summary>Called inside WaitAsync before the task finishes (to inspect the journal at that moment).</summary>
    public Action<ClusterAction, ActionStarted>? OnWait { get; set; }

    /// <summary>Progress reports WaitAsync sends before finishing.</summary>
    public List<ActionProgress> ProgressToReport { get; } = [];

    public int Executions(ClusterAction action) => Tasks.Count(t => t.Action == action);

    public Task<ActionStarted> StartAsync(ClusterAction action, CancellationToken cancellationToken = default)
    {
        Calls.Add("start " + action.Describe());
        CrashIf(action, CrashPoint.BeforeSend);
        var now = timeProvider.GetUtcNow();
        if (StartErrors.TryGetValue(action, out var error))
        {
            if (error.StatusCode is null && error.RequestSent)
            {
                // The request arrived and started its task, but the answer was lost.
                Tasks.Add(NewTask(action, now));
            }

            throw error;
        }

        var task = NewTask(action, now);
        Tasks.Add(task);
        CrashIf(action, CrashPoint.AfterSendBeforeUpid);
        return Task.FromResult(new ActionStarted { Upid = task.Upid, StartedAt = now });
    }

    public Task<ActionOutcome> WaitAsync(ClusterAction action, ActionStarted started, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Calls.Add("wait " + action.Describe());
        OnWait?.Invoke(action, started);
        var task = Tasks.Single(t => t.Upid.ToString() == started.Upid?.ToString());
        CrashIf(action, CrashPoint.AfterUpidRecorded);
        foreach (var report in ProgressToReport)
        {
            progress?.Report(report);
        }

        task.Done = true;
        CrashIf(action, CrashPoint.AfterSuccess);
        return Task.FromResult(Failures.TryGetValue(action, out var failure)
            ? new ActionOutcome { Succeeded = false, Summary = "task failed", Error = failure, ExitStatus = failure }
            : new ActionOutcome { Succeeded = true, Summary = $"done: {action.Describe()}", ExitStatus = "OK" });
    }

    public Task<ActionRecovery> RecoverAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        Calls.Add("recover " + action.Describe());
        var task = Tasks.LastOrDefault(t => t.Action == action && t.StartedAt >= sentAt);
        return Task.FromResult(task is not null
            ? new ActionRecovery { FoundTask = task.Upid, Explanation = $"found task {task.Upid}" }
            : EffectPresent.Contains(action)
                ? new ActionRecovery { EffectAlreadyPresent = true, Explanation = "no task, but the effect is there" }
                : new ActionRecovery { Explanation = "no task and no effect" });
    }

    private FakeTask NewTask(ClusterAction action, DateTimeOffset now)
    {
        var pid = ++_pid;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"UPID:brian:{pid:X8}:{pid:X8}:{now.ToUnixTimeSeconds():X8}:fake:{pid}:root@pam!orchestrator:");
        return new FakeTask(Upid.Parse(text), action, now);
    }

    private void CrashIf(ClusterAction action, CrashPoint point)
    {
        if (CrashAt is { } crash && crash.Point == point && crash.Action == action)
        {
            CrashAt = null;
            throw new SimulatedCrashException($"simulated crash {point} of {action.Describe()}");
        }
    }

    internal sealed record FakeTask(Upid Upid, ClusterAction Action, DateTimeOffset StartedAt)
    {
        public bool Done { get; set; }
    }
}
