using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    private static ApiResult StartGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        if (guest.Template)
        {
            throw PveApiException.Fail(guest.IsQemu ? "you can't start a vm if it's a template" : "you can't start a CT if it's a template");
        }

        if (guest.Running)
        {
            throw PveApiException.Fail($"{guest.Kind} {guest.VmId} already running");
        }

        if (guest.Lock == "suspended")
        {
            // A hibernated VM resumes from its saved state on start.
            guest.Lock = null;
        }

        CheckLock(call, guest);
        var failure = guest.IsQemu ? PciPassthrough.StartError(call.World, guest) : null;
        var effect = new SimTaskEffect { Action = SimTaskAction.Start, VmId = guest.VmId };
        return Run(call, guest, guest.IsQemu ? "qmstart" : "vzstart", effect, failure ?? "OK");
    }

    private static ApiResult StopGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        if (!guest.IsQemu && !guest.Running)
        {
            throw PveApiException.Fail($"CT {guest.VmId} not running");
        }

        CheckLock(call, guest);
        var effect = new SimTaskEffect { Action = SimTaskAction.Stop, VmId = guest.VmId };
        return Run(call, guest, guest.IsQemu ? "qmstop" : "vzstop", effect);
    }

    private static ApiResult ShutdownGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        RequireRunning(guest);
        CheckLock(call, guest);
        var effect = new SimTaskEffect { Action = SimTaskAction.Stop, VmId = guest.VmId };
        return Run(call, guest, guest.IsQemu ? "qmshutdown" : "vzshutdown", effect);
    }

    private static ApiResult RebootGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        RequireRunning(guest);
        CheckLock(call, guest);
        var effect = new SimTaskEffect { Action = SimTaskAction.Reboot, VmId = guest.VmId };
        return Run(call, guest, guest.IsQemu ? "qmreboot" : "vzreboot", effect);
    }

    private static ApiResult SuspendGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        RequireRunning(guest);
        CheckLock(call, guest);
        if (guest.IsQemu && call.Bool("todisk"))
        {
            var memoryGiB = GuestMath.MemoryBytes(guest) / (1024.0 * 1024 * 1024);
            var hibernate = new SimTaskEffect { Action = SimTaskAction.Suspend, VmId = guest.VmId, Flag = true, HeldLock = "suspending" };
            var storage = call.Str("statestorage") ?? "local-lvm";
            var seconds = TaskDurations.Seconds("qmsuspend") + (memoryGiB * TaskDurations.HibernatePerGiBRam);
            var log = new List<SimLogLine>
            {
                new(0, $"suspend vm to disk on storage '{storage}'"),
                new(0.5, $"saving VM state and RAM using storage '{storage}'"),
                new(seconds - 1, $"completed saving the VM state in {(int)(seconds - 1)}s, saved {memoryGiB * 0.7:0.00} GiB"),
            };
            return StartTask(call, guest.Node, "qmsuspend", guest, TimeSpan.FromSeconds(seconds), hibernate, log);
        }

        var effect = new SimTaskEffect { Action = SimTaskAction.Suspend, VmId = guest.VmId };
        return Run(call, guest, guest.IsQemu ? "qmpause" : "vzsuspend", effect);
    }

    private static ApiResult ResumeGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var hibernated = guest.Lock == "suspended";
        if (!hibernated)
        {
            RequireRunning(guest);
            CheckLock(call, guest);
        }

        var effect = new SimTaskEffect { Action = SimTaskAction.Resume, VmId = guest.VmId };
        var resumeType = guest.IsQemu ? "qmresume" : "vzresume";
        var duration = hibernated ? TaskDurations.Of("qmstart") + TaskDurations.Of(resumeType) : TaskDurations.Of(resumeType);
        return StartTask(call, guest.Node, resumeType, guest, duration, effect, []);
    }

    private static ApiResult Run(ApiCall call, SimGuest guest, string taskType, SimTaskEffect effect, string exitStatus = "OK") =>
        StartTask(call, guest.Node, taskType, guest, TaskDurations.Of(taskType), effect, [], exitStatus);

    private static void RequireRunning(SimGuest guest)
    {
        if (!guest.Running)
        {
            throw PveApiException.Fail($"{guest.Kind} {guest.VmId} not running");
        }
    }
}
