using System.Globalization;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>
/// The world plus the rules that move it through time: tasks that finish and apply their effect, nodes that wake, and
/// figures (CPU, memory, traffic) that are a pure function of the instant asked about.
/// </summary>
internal sealed class SimulatedCluster(ProxmoxWorld world, int seed)
{
    /// <summary>Finished tasks kept for <c>/cluster/tasks</c> and status/log queries.</summary>
    private const int RetainedTasks = 400;

    /// <summary>The world.</summary>
    public ProxmoxWorld World { get; } = world;

    /// <summary>Seed of every figure.</summary>
    public int Seed { get; } = seed;

    /// <summary>Applies everything that happened up to <paramref name="now"/>, in time order.</summary>
    public void Catchup(DateTimeOffset now)
    {
        while (true)
        {
            var task = World.Tasks.Where(t => !t.Finished && t.EndsAt <= now).MinBy(t => t.EndsAt);
            var node = World.Nodes.Where(n => n.WakesAt is { } at && at <= now).MinBy(n => n.WakesAt);
            if (task is null && node is null)
            {
                break;
            }

            if (node is not null && (task is null || node.WakesAt <= task.EndsAt))
            {
                Boot(node, node.WakesAt!.Value);
            }
            else
            {
                Finish(task!);
            }
        }

        if (World.Tasks.Count > RetainedTasks)
        {
            var surplus = World.Tasks.Where(t => t.Finished).OrderBy(t => t.EndsAt).Take(World.Tasks.Count - RetainedTasks).ToHashSet();
            World.Tasks.RemoveAll(surplus.Contains);
        }
    }

    /// <summary>Starts a worker task as planned; the lock it holds is taken now, the effect applies when it ends.</summary>
    public SimTask StartTask(TaskPlan plan, DateTimeOffset now)
    {
        var task = NewTask(World, plan, now);
        if (plan.Effect.HeldLock is { } held && World.FindGuest(plan.Effect.VmId) is { } guest)
        {
            guest.Lock = held;
        }

        World.Tasks.Add(task);
        return task;
    }

    /// <summary>Builds a task record with its UPID (<c>%08X</c> pid, pstart and start time, common:UPID.pm).</summary>
    public static SimTask NewTask(ProxmoxWorld world, TaskPlan plan, DateTimeOffset now)
    {
        var node = world.FindNode(plan.Node)!;
        var pid = world.TakePid();
        var startTime = now.ToUnixTimeSeconds();
        var pstart = (long)Math.Max(0, (now - node.BootedAt).TotalSeconds * 100);
        var upid = string.Create(CultureInfo.InvariantCulture, $"UPID:{plan.Node}:{pid:X8}:{pstart:X8}:{startTime:X8}:{plan.Type}:{plan.Id}:{plan.User}:");
        var task = new SimTask
        {
            Upid = upid,
            Node = plan.Node,
            Pid = pid,
            PStart = pstart,
            StartTime = startTime,
            Type = plan.Type,
            Id = plan.Id,
            User = plan.User,
            StartedAt = now,
            EndsAt = now + plan.Duration,
            ExitStatus = plan.ExitStatus,
            Effect = plan.Effect,
        };
        task.Log.AddRange(plan.Log);
        return task;
    }

    /// <summary>Puts a node to sleep (guests stop, running tasks die) or boots it at once.</summary>
    public void SetNodeOnline(SimNode node, bool online, DateTimeOffset now)
    {
        if (online)
        {
            if (!node.Online)
            {
                Boot(node, now);
            }

            return;
        }

        node.Online = false;
        node.WakesAt = null;
        foreach (var guest in World.Guests.Where(g => g.Node == node.Name))
        {
            StopGuest(guest);
        }

        foreach (var task in World.Tasks.Where(t => t.Node == node.Name && !t.Finished))
        {
            // A task whose log never got its final line reads as "unexpected status" (common:UPID.pm read_status).
            task.EndsAt = now;
            task.ExitStatus = "unexpected status";
            task.Finished = true;
            ReleaseLock(task);
        }
    }

    /// <summary>Schedules a sleeping node to come online after its boot time; returns false when it is already up or booting.</summary>
    public static bool Wake(SimNode node, DateTimeOffset now)
    {
        if (node.Online || node.WakesAt is not null)
        {
            return false;
        }

        node.WakesAt = now + TimeSpan.FromSeconds(node.BootSeconds);
        return true;
    }

    /// <summary>True when the guest runs on an online node.</summary>
    public bool IsRunning(SimGuest guest) => guest.Running && World.FindNode(guest.Node) is { Online: true };

    /// <summary>The running task on a guest, when any.</summary>
    public SimTask? ActiveTaskOn(int vmId) =>
        World.Tasks.FirstOrDefault(t => !t.Finished && t.Effect.VmId == vmId && t.Effect.Action != SimTaskAction.StartAll);

    private void Boot(SimNode node, DateTimeOffset at)
    {
        node.Online = true;
        node.WakesAt = null;
        node.BootedAt = at;
        var onboot = World.Guests.Where(g => g.Node == node.Name && !g.Template && g.Config.GetValueOrDefault("onboot") == "1").ToList();
        if (onboot.Count == 0)
        {
            return;
        }

        var log = new List<SimLogLine>();
        for (var i = 0; i < onboot.Count; i++)
        {
            log.Add(new SimLogLine(i * TaskDurations.StartAllPerGuest, $"Starting {onboot[i].Kind} {onboot[i].VmId}"));
        }

        StartTask(new TaskPlan(node.Name, "startall", "", "root@pam", TimeSpan.FromSeconds(TaskDurations.StartAllPerGuest * onboot.Count), new SimTaskEffect { Action = SimTaskAction.StartAll, Target = node.Name }, log), at);
    }

    private void Finish(SimTask task)
    {
        task.Finished = true;
        ReleaseLock(task);
        if (task.Succeeded)
        {
            Apply(task);
        }
        else if (task.Effect.Action == SimTaskAction.Create && World.FindGuest(task.Effect.VmId) is { } created)
        {
            RemoveGuest(created);
        }
    }

    private void ReleaseLock(SimTask task)
    {
        if (task.Effect.HeldLock is { } held && World.FindGuest(task.Effect.VmId) is { } guest && guest.Lock == held)
        {
            guest.Lock = null;
        }
    }

    private void Apply(SimTask task)
    {
        var effect = task.Effect;
        var at = task.EndsAt;
        if (effect.Action == SimTaskAction.StartAll)
        {
            foreach (var guest in World.Guests.Where(g => g.Node == effect.Target && !g.Template && !g.Running && g.Config.GetValueOrDefault("onboot") == "1"))
            {
                StartGuest(guest, at);
            }

            return;
        }

        if (World.FindGuest(effect.VmId) is not { } target)
        {
            return;
        }

        switch (effect.Action)
        {
            case SimTaskAction.Start:
                StartGuest(target, at);
                break;
            case SimTaskAction.Stop:
                StopGuest(target);
                if (target.Lock == "suspended")
                {
                    target.Lock = null;
                }

                break;
            case SimTaskAction.Reboot:
                ConfigEditor.ApplyPending(target);
                target.StartedAt = at;
                target.Pid = World.TakePid();
                break;
            case SimTaskAction.Suspend when effect.Flag:
                StopGuest(target);
                target.Lock = "suspended";
                break;
            case SimTaskAction.Suspend:
                target.Paused = true;
                break;
            case SimTaskAction.Resume when target.Lock == "suspended":
                target.Lock = null;
                StartGuest(target, at);
                break;
            case SimTaskAction.Resume:
                target.Paused = false;
                break;
            case SimTaskAction.Migrate:
                target.Node = effect.Target!;
                if (target.Running)
                {
                    target.StartedAt = at;
                    target.Pid = World.TakePid();
                }

                WorldSeeder.UpdateThinPoolUsage(World);
                break;
            case SimTaskAction.Create:
                if (effect.Flag)
                {
                    StartGuest(target, at);
                }

                WorldSeeder.UpdateThinPoolUsage(World);
                break;
            case SimTaskAction.Destroy:
                RemoveGuest(target);
                break;
            case SimTaskAction.Snapshot:
                TakeSnapshot(target, effect, task.StartTime);
                break;
            case SimTaskAction.DeleteSnapshot:
                DeleteSnapshot(target, effect.SnapName!);
                break;
            case SimTaskAction.Rollback:
                Rollback(target, effect, at);
                break;
            case SimTaskAction.Config:
                ConfigEditor.Apply(target, effect.Set, effect.Delete, IsRunning(target));
                break;
        }
    }

    private void StartGuest(SimGuest guest, DateTimeOffset at)
    {
        ConfigEditor.ApplyPending(guest);
        guest.Running = true;
        guest.Paused = false;
        guest.StartedAt = at;
        guest.Pid = World.TakePid();
    }

    private static void StopGuest(SimGuest guest)
    {
        guest.Running = false;
        guest.Paused = false;
        guest.StartedAt = null;
        guest.Pid = null;
    }

    private void RemoveGuest(SimGuest guest)
    {
        World.Guests.Remove(guest);
        foreach (var pool in World.Pools)
        {
            pool.VmIds.Remove(guest.VmId);
        }

        WorldSeeder.UpdateThinPoolUsage(World);
    }

    private static void TakeSnapshot(SimGuest guest, SimTaskEffect effect, long snapTime)
    {
        var snapshot = new SimSnapshot
        {
            Name = effect.SnapName!,
            Description = effect.Description ?? "",
            SnapTime = snapTime,
            VmState = effect.Flag,
            Parent = guest.Config.GetValueOrDefault("parent"),
        };
        foreach (var (key, value) in guest.Config.Where(kv => kv.Key is not ("parent" or "lock")))
        {
            snapshot.Config[key] = value;
        }

        guest.Snapshots.Add(snapshot);
        guest.Config["parent"] = snapshot.Name;
    }

    private static void DeleteSnapshot(SimGuest guest, string name)
    {
        var snapshot = guest.Snapshots.FirstOrDefault(s => s.Name == name);
        if (snapshot is null)
        {
            return;
        }

        guest.Snapshots.Remove(snapshot);
        foreach (var child in guest.Snapshots.Where(s => s.Parent == name))
        {
            child.Parent = snapshot.Parent;
        }

        if (guest.Config.GetValueOrDefault("parent") == name)
        {
            if (snapshot.Parent is null)
            {
                guest.Config.Remove("parent");
            }
            else
            {
                guest.Config["parent"] = snapshot.Parent;
            }
        }
    }

    private void Rollback(SimGuest guest, SimTaskEffect effect, DateTimeOffset at)
    {
        var snapshot = guest.Snapshots.FirstOrDefault(s => s.Name == effect.SnapName);
        if (snapshot is null)
        {
            return;
        }

        guest.Config.Clear();
        foreach (var (key, value) in snapshot.Config)
        {
            guest.Config[key] = value;
        }

        guest.Config["parent"] = snapshot.Name;
        guest.Pending.Clear();
        guest.PendingDelete.Clear();
        StopGuest(guest);
        if (snapshot.VmState || effect.Flag)
        {
            StartGuest(guest, at);
        }
    }
}
