using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Core.Execution;

/// <summary>
/// Carries out <see cref="ClusterAction"/>s through the Proxmox VE API: <see cref="StartAsync"/> sends the one request
/// (after the read-only checks it needs) and returns the task id at once; <see cref="WaitAsync"/> follows the task;
/// <see cref="RecoverAsync"/> finds a task whose id was lost, or its effect.
/// </summary>
/// <remarks>
/// Errors: a start request PVE answered with an error (refused, locked, invalid …) becomes a failed
/// <see cref="ActionStarted.Completed"/> outcome, not an exception. A request whose fate is unknown (no answer, timeout)
/// and any failure while waiting throw <see cref="PveApiException"/>: the action may or may not have happened, which is
/// what <see cref="RecoverAsync"/> is for. Cancellation always throws.
/// </remarks>
public sealed class ClusterActionRunner : IActionRunner
{
    private readonly IProxmoxApi _proxmox;
    private readonly TimeProvider _time;
    private readonly ClusterConfig? _registry;
    private readonly ActionRunnerOptions _options;
    private readonly ITaskRunner? _tasks;

    /// <summary>Creates a runner.</summary>
    /// <param name="proxmox">The cluster's API.</param>
    /// <param name="timeProvider">Clock for polling a waking node and for reported durations.</param>
    /// <param name="registry">cluster.yaml, for a node's <c>boot_seconds</c>; optional.</param>
    /// <param name="options">Timeouts and polling; defaults when null.</param>
    /// <param name="taskRunner">Carries out <see cref="RunTaskAction"/>s; without it they fail with an explanation.</param>
    public ClusterActionRunner(IProxmoxApi proxmox, TimeProvider timeProvider, ClusterConfig? registry = null, ActionRunnerOptions? options = null, ITaskRunner? taskRunner = null)
    {
        ArgumentNullException.ThrowIfNull(proxmox);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _proxmox = proxmox;
        _time = timeProvider;
        _registry = registry;
        _options = options ?? new ActionRunnerOptions();
        _tasks = taskRunner;
    }

    /// <summary>A runner like this one that carries out <see cref="RunTaskAction"/>s with <paramref name="taskRunner"/>.</summary>
    public ClusterActionRunner WithTaskRunner(ITaskRunner taskRunner)
    {
        ArgumentNullException.ThrowIfNull(taskRunner);
        return new ClusterActionRunner(_proxmox, _time, _registry, _options, taskRunner);
    }

    /// <inheritdoc />
    public async Task<ActionStarted> StartAsync(ClusterAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var sentAt = _time.GetUtcNow();
        try
        {
            switch (action)
            {
                case StartGuestAction a:
                    return await StartGuestAsync(a, sentAt, cancellationToken).ConfigureAwait(false);
                case ShutdownGuestAction a:
                    var timeout = a.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                    return Started(sentAt, await _proxmox.ShutdownGuestAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, timeout, a.ForceStop, cancellationToken).ConfigureAwait(false));
                case StopGuestAction a:
                    return Started(sentAt, await _proxmox.StopGuestAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, cancellationToken).ConfigureAwait(false));
                case RebootGuestAction a:
                    return Started(sentAt, await _proxmox.RebootGuestAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, cancellationToken).ConfigureAwait(false));
                case MigrateGuestAction a:
                    return await MigrateAsync(a, sentAt, cancellationToken).ConfigureAwait(false);
                case CloneGuestAction a:
                    var clone = new CloneOptions { NewId = a.NewVmId, Name = a.Name, TargetNode = a.TargetNode, Full = a.Full ? true : null };
                    return Started(sentAt, await _proxmox.CloneGuestAsync(a.Source.Node, a.Source.Type, a.Source.VmId, clone, cancellationToken).ConfigureAwait(false));
                case DeleteGuestAction a:
                    return Started(sentAt, await _proxmox.DeleteGuestAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, purge: true, cancellationToken).ConfigureAwait(false));
                case CreateContainerAction a:
                    var create = new CreateContainerOptions
                    {
                        VmId = a.VmId,
                        OsTemplate = a.OsTemplate,
                        Hostname = a.Hostname,
                        MemoryMiB = a.MemoryMb,
                        Cores = a.Cores,
                        Storage = a.Storage,
                        Start = a.Start ? true : null,
                    };
                    return Started(sentAt, await _proxmox.CreateContainerAsync(a.Node, create, cancellationToken).ConfigureAwait(false));
                case CreateSnapshotAction a:
                    return Started(sentAt, await _proxmox.CreateSnapshotAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, a.Name, a.Description, a.IncludeRam, cancellationToken).ConfigureAwait(false));
                case DeleteSnapshotAction a:
                    return Started(sentAt, await _proxmox.DeleteSnapshotAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, a.Name, cancellationToken).ConfigureAwait(false));
                case RollbackSnapshotAction a:
                    return Started(sentAt, await _proxmox.RollbackSnapshotAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, a.Name, start: false, cancellationToken).ConfigureAwait(false));
                case AssignGpuAction a:
                    return await AssignGpuAsync(a, sentAt, cancellationToken).ConfigureAwait(false);
                case ReleaseGpuAction a:
                    return await ReleaseGpuAsync(a, sentAt, cancellationToken).ConfigureAwait(false);
                case WakeNodeAction a:
                    // POST /nodes/{node}/wakeonlan names the node to wake; the packet leaves from the node that answers the
                    // API call, so WakeNodeAction.Via only matters when the API is reached through that node.
                    var mac = await _proxmox.WakeNodeAsync(a.Node, cancellationToken).ConfigureAwait(false);
                    return new ActionStarted { StartedAt = sentAt, Detail = mac };
                case RunTaskAction a:
                    return _tasks is null
                        ? Finished(sentAt, Failed(a, "this runner has no task runner, so it cannot run AI tasks", sentAt))
                        : new ActionStarted { StartedAt = sentAt, Detail = $"{a.TaskType} runs on {a.Node}/{a.Service} while waiting" };
                default:
                    throw new ArgumentException($"ClusterActionRunner does not know how to carry out {action.GetType().Name}.", nameof(action));
            }
        }
        catch (PveApiException error) when (error.StatusCode is not null)
        {
            // PVE answered: the request was refused and nothing started. Without an answer (timeout, broken connection) the
            // fate of a write is unknown, so that exception propagates and recovery decides.
            return Finished(sentAt, Failed(action, error.Message, sentAt) with { Summary = Sentence(action, error.PveMessage ?? error.Message) });
        }
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> WaitAsync(ClusterAction action, ActionStarted started, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(started);
        if (started.Completed is { } completed)
        {
            return completed;
        }

        return action switch
        {
            WakeNodeAction wake => await WaitForNodeAsync(wake, started, progress, cancellationToken).ConfigureAwait(false),
            RunTaskAction run => await RunTaskAsync(run, started, progress, cancellationToken).ConfigureAwait(false),
            _ when started.Upid is { } upid => await WaitForTaskAsync(action, upid, started, progress, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException(
                $"Nothing to wait for: {action.Describe()} has no task id. Pass the ActionStarted that StartAsync returned, or one holding the task RecoverAsync found.",
                nameof(started)),
        };
    }

    /// <inheritdoc />
    public async Task<ActionRecovery> RecoverAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var since = sentAt - _options.RecoveryClockSkew;
        if (ActionTasks.Of(action) is { } expected)
        {
            var tasks = await _proxmox.GetClusterTasksAsync(cancellationToken).ConfigureAwait(false);
            var match = tasks
                .Where(t => t.Type is { } type && expected.Types.Contains(type, StringComparer.Ordinal)
                    && string.Equals(t.Id, expected.Id, StringComparison.Ordinal)
                    && t.StartTime is { } start && DateTimeOffset.FromUnixTimeSeconds(start) >= since)
                .OrderBy(t => t.StartTime)
                .Select(t => Upid.TryParse(t.Upid, out var upid) ? upid : null)
                .FirstOrDefault(u => u is not null);
            if (match is not null)
            {
                return new ActionRecovery
                {
                    FoundTask = match,
                    Explanation = $"/cluster/tasks lists {match.Type} of {match.Id} on {match.Node}, started {Clock(match.StartedAt)} (the request was sent at {Clock(sentAt)}): following that task ({match}).",
                };
            }
        }

        var (present, evidence) = await CheckEffectAsync(action, sentAt, cancellationToken).ConfigureAwait(false);
        var noTask = ActionTasks.Of(action) is { } looked
            ? $"No {string.Join("/", looked.Types)} task for {looked.Id} started since {Clock(since)} in /cluster/tasks"
            : "This action runs no Proxmox task";
        return new ActionRecovery
        {
            EffectAlreadyPresent = present,
            Explanation = present
                ? $"{noTask}, but {evidence}: the action already took effect."
                : $"{noTask}, and {evidence}: the request did not take effect and may be sent again.",
        };
    }

    private static ActionStarted Started(DateTimeOffset sentAt, Upid upid) => new() { StartedAt = sentAt, Upid = upid };

    private static ActionStarted Finished(DateTimeOffset sentAt, ActionOutcome outcome) => new() { StartedAt = sentAt, Completed = outcome };

    private ActionOutcome Failed(ClusterAction action, string error, DateTimeOffset sentAt) => new()
    {
        Succeeded = false,
        Summary = Sentence(action, error),
        Error = error,
        Duration = _time.GetUtcNow() - sentAt,
    };

    private static string Sentence(ClusterAction action, string error) =>
        $"{ActionSentences.Capitalize(ActionSentences.Doing(action))} failed: {error.TrimEnd('\n', ' ', '.')}.";

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private async Task<ActionStarted> StartGuestAsync(StartGuestAction action, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        try
        {
            return Started(sentAt, await _proxmox.StartGuestAsync(action.Guest.Node, action.Guest.Type, action.Guest.VmId, cancellationToken).ConfigureAwait(false));
        }
        catch (PveApiException error) when (error.PveMessage?.Contains("already running", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Someone (the node's start-all after a wake, a person) was faster: what the action wants is already true.
            return Finished(sentAt, new ActionOutcome
            {
                Succeeded = true,
                Summary = $"{action.Guest} was already running on {action.Guest.Node}.",
                Duration = _time.GetUtcNow() - sentAt,
            });
        }
    }

    private async Task<ActionStarted> MigrateAsync(MigrateGuestAction action, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var guest = action.Guest;
        if (string.Equals(guest.Node, action.TargetNode, StringComparison.OrdinalIgnoreCase))
        {
            return Finished(sentAt, Failed(action, $"{guest} is already on {action.TargetNode}; choose another target node", sentAt));
        }

        // Local devices make the qmigrate task fail only once it runs; the precondition says so before anything is sent.
        var precondition = await _proxmox.GetMigratePreconditionAsync(guest.Node, guest.Type, guest.VmId, action.TargetNode, cancellationToken).ConfigureAwait(false);
        if (MigrationBlocker(action, precondition) is { } blocker)
        {
            return Finished(sentAt, Failed(action, blocker, sentAt));
        }

        var running = precondition.Running;
        MigrateOptions options;
        if (guest.Type == GuestType.Qemu)
        {
            var online = running || action.Online;
            var localDisks = precondition.LocalDisks.Any(d => d.Cdrom != true && d.IsUnused != true);
            options = new MigrateOptions { Target = action.TargetNode, Online = online ? true : null, WithLocalDisks = online && localDisks ? true : null };
        }
        else
        {
            options = new MigrateOptions { Target = action.TargetNode, Restart = running || action.Restart ? true : null };
        }

        return Started(sentAt, await _proxmox.MigrateGuestAsync(guest.Node, guest.Type, guest.VmId, options, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Why the precondition forbids this migration, in words a person acts on; null when nothing does.</summary>
    private static string? MigrationBlocker(MigrateGuestAction action, MigratePrecondition precondition)
    {
        var guest = action.Guest;
        var target = action.TargetNode;
        if (precondition.NotAllowedNodes.FirstOrDefault(n => string.Equals(n.Key, target, StringComparison.OrdinalIgnoreCase)) is { Value: { } blockers })
        {
            var reasons = new List<string>();
            if (blockers.UnavailableStorages.Count > 0)
            {
                reasons.Add($"storage {string.Join(", ", blockers.UnavailableStorages)} is not available there");
            }

            if (blockers.UnavailableResources.Count > 0)
            {
                reasons.Add($"the PCI mapping {string.Join(", ", blockers.UnavailableResources)} has no device on {target} (add one under Datacenter > Resource Mappings)");
            }

            if (blockers.BlockingHaResources.Count > 0)
            {
                reasons.Add($"HA rules forbid it ({string.Join(", ", blockers.BlockingHaResources.Select(b => b.Cause is null ? b.Sid : $"{b.Sid}: {b.Cause}"))})");
            }

            return $"Proxmox does not allow {guest} on {target}: {(reasons.Count == 0 ? "no reason given" : string.Join("; ", reasons))}";
        }

        if (precondition.AllowedNodes.Count > 0 && !precondition.Allows(target))
        {
            return $"{target} is not among the nodes {guest} may migrate to ({string.Join(", ", precondition.AllowedNodes)}); check the node name and that it is online";
        }

        if (precondition.LocalResources.Count > 0)
        {
            return $"{guest} uses local devices that cannot move with it: {string.Join(", ", precondition.LocalResources)}. " +
                "Remove them from its configuration first, or replace raw PCI passthrough with a cluster PCI mapping (mapping=…) that has a device on " + target;
        }

        var online = precondition.Running || action.Online;
        if (guest.Type == GuestType.Qemu && online)
        {
            var notLive = precondition.MappedResourceInfo.Where(m => !m.Value.LiveMigration).Select(m => $"{m.Key} (mapping {m.Value.Name})").ToList();
            if (notLive.Count > 0)
            {
                return $"{guest} is running and uses mapped devices that cannot be live-migrated: {string.Join(", ", notLive)}. Shut it down and migrate it offline instead";
            }
        }

        return null;
    }

    private async Task<ActionStarted> AssignGpuAsync(AssignGpuAction action, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var guest = action.Guest;
        if (guest.Type != GuestType.Qemu)
        {
            return Finished(sentAt, Failed(action, "PCI passthrough (hostpciN) exists only for VMs; a container uses device nodes (devN) instead", sentAt));
        }

        if (!HostPciDevice.TryGetIndex(action.Slot, out _))
        {
            return Finished(sentAt, Failed(action, $"'{action.Slot}' is not a passthrough slot; use hostpci0 … hostpci15", sentAt));
        }

        var config = await _proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken).ConfigureAwait(false);
        var value = action.IsMapping ? $"mapping={action.Device}" : action.Device;
        if (config.Get("machine")?.Contains("q35", StringComparison.Ordinal) == true)
        {
            // A GPU on a q35 machine belongs on the PCIe bus (as the web UI's "PCI-Express" box writes it).
            value += ",pcie=1";
        }

        if (config.Get(action.Slot) is { } current)
        {
            var existing = HostPciDevice.Parse(action.Slot, current);
            var same = action.IsMapping ? existing.Mapping == action.Device : existing.HostIds.Contains(action.Device, StringComparer.OrdinalIgnoreCase);
            return Finished(sentAt, same
                ? new ActionOutcome { Succeeded = true, Summary = $"{guest} already has {action.Slot} = {current}.", Duration = _time.GetUtcNow() - sentAt }
                : Failed(action, $"{action.Slot} of {guest} already holds '{current}'; release it first or choose a free slot (hostpci{config.FreeHostPciIndex})", sentAt));
        }

        await _proxmox.UpdateGuestConfigAsync(guest.Node, guest.Type, guest.VmId, new Dictionary<string, string> { [action.Slot] = value }, null, config.Digest, cancellationToken).ConfigureAwait(false);
        return Finished(sentAt, new ActionOutcome
        {
            Succeeded = true,
            Summary = $"{guest} has {action.Slot} = {value} from its next start.",
            Duration = _time.GetUtcNow() - sentAt,
        });
    }

    private async Task<ActionStarted> ReleaseGpuAsync(ReleaseGpuAction action, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var guest = action.Guest;
        var config = await _proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken).ConfigureAwait(false);
        if (config.Get(action.Slot) is null)
        {
            return Finished(sentAt, new ActionOutcome { Succeeded = true, Summary = $"{guest} has no {action.Slot}; nothing to remove.", Duration = _time.GetUtcNow() - sentAt });
        }

        await _proxmox.UpdateGuestConfigAsync(guest.Node, guest.Type, guest.VmId, new Dictionary<string, string>(), [action.Slot], config.Digest, cancellationToken).ConfigureAwait(false);
        return Finished(sentAt, new ActionOutcome
        {
            Succeeded = true,
            Summary = $"{action.Slot} removed from {guest} from its next start.",
            Duration = _time.GetUtcNow() - sentAt,
        });
    }

    private async Task<ActionOutcome> WaitForTaskAsync(ClusterAction action, Upid upid, ActionStarted started, IProgress<ActionProgress>? progress, CancellationToken cancellationToken)
    {
        var forward = progress is null
            ? null
            : new CallbackProgress<TaskProgress>(p => progress.Report(new ActionProgress(p.LastLogLine ?? $"{p.Upid.Type} {p.Status}", p.Elapsed)));
        var outcome = await _proxmox.WaitForTaskAsync(upid, forward, _options.TaskTimeout, cancellationToken).ConfigureAwait(false);
        var duration = Max(_time.GetUtcNow() - started.StartedAt, outcome.Duration);
        if (!outcome.Succeeded)
        {
            var error = Explain(outcome);
            return new ActionOutcome
            {
                Succeeded = false,
                Summary = Sentence(action, error),
                Error = error,
                ExitStatus = outcome.ExitStatus,
                LogTail = outcome.LogTail,
                Duration = duration,
            };
        }

        var done = outcome.QueuedWithHa
            ? $"{ActionSentences.Capitalize(action.Describe())}: handed to the HA manager, which carries it out shortly"
            : ActionSentences.Capitalize(ActionSentences.Done(action));
        return new ActionOutcome
        {
            Succeeded = true,
            Summary = $"{done} ({ActionDurations.Format(duration)}){(outcome.HasWarnings ? $", with {outcome.ExitStatus.ToLowerInvariant()}" : "")}.",
            ExitStatus = outcome.ExitStatus,
            Duration = duration,
        };
    }

    /// <summary>The exit status, with the log line that says why when the log has one.</summary>
    private static string Explain(TaskOutcome outcome)
    {
        var why = outcome.LogTail.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("TASK ", StringComparison.Ordinal));
        return why is null || why.Trim() == outcome.ExitStatus ? outcome.ExitStatus : $"{outcome.ExitStatus} ({why.Trim()})";
    }

    private async Task<ActionOutcome> WaitForNodeAsync(WakeNodeAction action, ActionStarted started, IProgress<ActionProgress>? progress, CancellationToken cancellationToken)
    {
        var bootSeconds = _registry?.FindNode(action.Node)?.WakeOnLan?.BootSeconds;
        var timeout = bootSeconds is { } boot ? TimeSpan.FromSeconds(boot * _options.WakeTimeoutFactor) : _options.DefaultWakeTimeout;
        var deadline = started.StartedAt + timeout;
        string? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? status = null;
            try
            {
                var nodes = await _proxmox.GetClusterResourcesAsync(ClusterResourceType.Node, cancellationToken).ConfigureAwait(false);
                status = nodes.FirstOrDefault(r => r.Type == "node" && string.Equals(r.Node, action.Node, StringComparison.OrdinalIgnoreCase))?.Status;
                lastError = null;
            }
            catch (PveApiException error)
            {
                // The cluster API may be briefly unavailable while a member joins; keep waiting until the deadline.
                lastError = error.Message;
            }

            var now = _time.GetUtcNow();
            var elapsed = now - started.StartedAt;
            if (status == "online")
            {
                return new ActionOutcome
                {
                    Succeeded = true,
                    Summary = $"{action.Node} is online ({ActionDurations.Format(elapsed)} after the Wake-on-LAN packet).",
                    Duration = elapsed,
                };
            }

            if (now >= deadline)
            {
                var error = $"{action.Node} did not come online within {ActionDurations.Format(timeout)} of the Wake-on-LAN packet" +
                    $"{(started.Detail is { } mac ? $" to {mac}" : "")}{(lastError is null ? "" : $" (last read failed: {lastError})")}. " +
                    "Check that Wake-on-LAN is enabled in its firmware and on its network card (ethtool -s <nic> wol g), " +
                    $"that wake_on_lan.mac in cluster.yaml is right, and that the node answering the API shares a network segment with it";
                return new ActionOutcome { Succeeded = false, Summary = Sentence(action, $"not online after {ActionDurations.Format(timeout)}"), Error = error, Duration = elapsed };
            }

            var expected = bootSeconds ?? timeout.TotalSeconds / _options.WakeTimeoutFactor;
            progress?.Report(new ActionProgress(
                string.Create(CultureInfo.InvariantCulture, $"waiting for {action.Node} to boot ({(int)elapsed.TotalSeconds} s)"),
                elapsed,
                Math.Min(0.99, elapsed.TotalSeconds / expected)));
            var pause = deadline - now;
            await Task.Delay(pause < _options.WakePollInterval ? pause : _options.WakePollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ActionOutcome> RunTaskAsync(RunTaskAction action, ActionStarted started, IProgress<ActionProgress>? progress, CancellationToken cancellationToken)
    {
        if (_tasks is null)
        {
            return Failed(action, "this runner has no task runner, so it cannot run AI tasks", started.StartedAt);
        }

        return await _tasks.RunActionAsync(action, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the action's effect is visible in a fresh read, and the evidence in words.</summary>
    private async Task<(bool Present, string Evidence)> CheckEffectAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case StartGuestAction a:
                return await GuestAsync(a.Guest.VmId, g => g?.Status == "running", g => $"{a.Guest} is {g?.Status ?? "gone"}", cancellationToken).ConfigureAwait(false);
            case ShutdownGuestAction a:
                return await GuestAsync(a.Guest.VmId, g => g?.Status == "stopped", g => $"{a.Guest} is {g?.Status ?? "gone"}", cancellationToken).ConfigureAwait(false);
            case StopGuestAction a:
                return await GuestAsync(a.Guest.VmId, g => g?.Status == "stopped", g => $"{a.Guest} is {g?.Status ?? "gone"}", cancellationToken).ConfigureAwait(false);
            case RebootGuestAction a:
                var since = (_time.GetUtcNow() - sentAt).TotalSeconds;
                return await GuestAsync(
                    a.Guest.VmId,
                    g => g is { Status: "running", Uptime: { } up } && up <= since,
                    g => g?.Uptime is { } up ? string.Create(CultureInfo.InvariantCulture, $"{a.Guest} has been up for {up} s (the request was sent {(int)since} s ago)") : $"{a.Guest} is {g?.Status ?? "gone"}",
                    cancellationToken).ConfigureAwait(false);
            case MigrateGuestAction a:
                return await GuestAsync(
                    a.Guest.VmId,
                    g => string.Equals(g?.Node, a.TargetNode, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(g?.Lock),
                    g => g is null ? $"{a.Guest} is gone" : $"{a.Guest} is on {g.Node}{(string.IsNullOrEmpty(g.Lock) ? "" : $" (locked: {g.Lock})")}",
                    cancellationToken).ConfigureAwait(false);
            case CloneGuestAction a:
                return await GuestAsync(a.NewVmId, g => g is not null, g => g is null ? $"there is no guest {a.NewVmId}" : $"guest {a.NewVmId} exists on {g.Node}", cancellationToken).ConfigureAwait(false);
            case CreateContainerAction a:
                return await GuestAsync(a.VmId, g => g is not null, g => g is null ? $"there is no guest {a.VmId}" : $"guest {a.VmId} exists on {g.Node}", cancellationToken).ConfigureAwait(false);
            case DeleteGuestAction a:
                return await GuestAsync(a.Guest.VmId, g => g is null, g => g is null ? $"{a.Guest} no longer exists" : $"{a.Guest} still exists on {g.Node}", cancellationToken).ConfigureAwait(false);
            case CreateSnapshotAction a:
                var taken = await HasSnapshotAsync(a.Guest, a.Name, cancellationToken).ConfigureAwait(false);
                return (taken, $"snapshot '{a.Name}' is {(taken ? "" : "not ")}listed for {a.Guest}");
            case DeleteSnapshotAction a:
                var still = await HasSnapshotAsync(a.Guest, a.Name, cancellationToken).ConfigureAwait(false);
                return (!still, $"snapshot '{a.Name}' is {(still ? "still" : "no longer")} listed for {a.Guest}");
            case RollbackSnapshotAction a:
                return (false, $"a rollback leaves no trace but its task, so there is no sign that {a.Guest} was rolled back");
            case AssignGpuAction a:
                var config = await _proxmox.GetGuestConfigAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, cancellationToken).ConfigureAwait(false);
                var current = config.Get(a.Slot);
                var assigned = current is not null && (a.IsMapping ? HostPciDevice.Parse(a.Slot, current).Mapping == a.Device : HostPciDevice.Parse(a.Slot, current).HostIds.Contains(a.Device, StringComparer.OrdinalIgnoreCase));
                return (assigned, current is null ? $"{a.Guest} has no {a.Slot}" : $"{a.Slot} of {a.Guest} is '{current}'");
            case ReleaseGpuAction a:
                var released = (await _proxmox.GetGuestConfigAsync(a.Guest.Node, a.Guest.Type, a.Guest.VmId, cancellationToken).ConfigureAwait(false)).Get(a.Slot);
                return (released is null, released is null ? $"{a.Guest} has no {a.Slot}" : $"{a.Slot} of {a.Guest} is still '{released}'");
            case WakeNodeAction a:
                var nodes = await _proxmox.GetClusterResourcesAsync(ClusterResourceType.Node, cancellationToken).ConfigureAwait(false);
                var status = nodes.FirstOrDefault(r => r.Type == "node" && string.Equals(r.Node, a.Node, StringComparison.OrdinalIgnoreCase))?.Status ?? "unknown";
                return (status == "online", $"{a.Node} is {status}");
            case RunTaskAction a:
                return (false, $"an AI task leaves no trace in the cluster, so running {a.TaskType} again is the only way to get its output");
            default:
                return (false, $"PveAgent cannot check the effect of {action.GetType().Name}");
        }
    }

    private async Task<(bool Present, string Evidence)> GuestAsync(int vmId, Func<ClusterResource?, bool> present, Func<ClusterResource?, string> describe, CancellationToken cancellationToken)
    {
        var guests = await _proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken).ConfigureAwait(false);
        var guest = guests.FirstOrDefault(r => r.VmId == vmId && r.IsGuest);
        return (present(guest), describe(guest));
    }

    private async Task<bool> HasSnapshotAsync(GuestRef guest, string name, CancellationToken cancellationToken)
    {
        var snapshots = await _proxmox.ListSnapshotsAsync(guest.Node, guest.Type, guest.VmId, cancellationToken).ConfigureAwait(false);
        return snapshots.Any(s => !s.IsCurrent && s.Name == name);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
