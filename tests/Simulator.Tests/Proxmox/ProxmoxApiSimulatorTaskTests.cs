using System.Net;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorTaskTests
{
    [Fact]
    public async Task TaskLog_IsPagedWithOneBasedLineNumbersAndATotal()
    {
        using var harness = new SimulatorHarness();
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "pve3"));
        await harness.CompleteAsync(upid);
        var all = await harness.TaskLogAsync(upid);

        var page = await harness.GetAsync($"nodes/brian/tasks/{Uri.EscapeDataString(upid)}/log?start=2&limit=2");

        var lines = page.Data!.AsArray();
        Assert.Equal(all.Count, page.Body!["total"]!.GetValue<int>());
        Assert.Equal([3, 4], lines.Select(l => l!["n"]!.GetValue<int>()));
        Assert.Equal(all.Skip(2).Take(2), lines.Select(l => l!["t"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TaskLog_WhileRunning_ShowsOnlyLinesWrittenSoFar()
    {
        using var harness = new SimulatorHarness();
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "pve3"));

        var early = await harness.TaskLogAsync(upid);
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var later = await harness.TaskLogAsync(upid);

        Assert.DoesNotContain(early, l => l.StartsWith("TASK ", StringComparison.Ordinal));
        Assert.True(later.Count > early.Count);
        Assert.DoesNotContain(later, l => l.Contains("finished successfully", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TaskLog_OfARunningTaskWithoutLines_SaysNoContent()
    {
        using var harness = new SimulatorHarness();
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");

        var log = await harness.GetAsync($"nodes/brian/tasks/{Uri.EscapeDataString(upid)}/log");

        Assert.Equal("no content", log.Data![0]!["t"]!.GetValue<string>());
        Assert.Equal(1, log.Data[0]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task TaskStatus_ForAMalformedUpid_IsAParameterError()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/brian/tasks/UPID%3Anonsense/status");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("unable to parse worker upid", answer.Body!["errors"]!["upid"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaskStatus_AskedOnAnotherNode_IsNoSuchTask()
    {
        using var harness = new SimulatorHarness();
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");

        var answer = await harness.GetAsync($"nodes/pve3/tasks/{Uri.EscapeDataString(upid)}/status");

        Assert.Equal("no such task", answer.Body!["errors"]!["upid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Suspend_ThenResume_PausesAndContinuesTheVm()
    {
        using var harness = new SimulatorHarness();

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/status/suspend"));
        var paused = await harness.GetAsync("nodes/pve3/qemu/100/status/current");
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/status/resume"));
        var resumed = await harness.GetAsync("nodes/pve3/qemu/100/status/current");

        Assert.Equal("running", paused.Data!["status"]!.GetValue<string>());
        Assert.Equal("paused", paused.Data["qmpstatus"]!.GetValue<string>());
        Assert.Equal("running", resumed.Data!["qmpstatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hibernate_LeavesTheVmStoppedWithLockSuspendedUntilResumed()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/pve3/qemu/100/status/suspend", ("todisk", "1"));
        var during = await harness.GetAsync("nodes/pve3/qemu/100/status/current");
        await harness.CompleteAsync(upid);
        var hibernated = await harness.GetAsync("nodes/pve3/qemu/100/status/current");
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/status/resume"));

        Assert.Contains(":qmsuspend:100:", upid, StringComparison.Ordinal);
        Assert.Equal("suspending", during.Data!["lock"]!.GetValue<string>());
        Assert.Equal("stopped", hibernated.Data!["status"]!.GetValue<string>());
        Assert.Equal("suspended", hibernated.Data["lock"]!.GetValue<string>());
        Assert.True(harness.Engine.Proxmox.IsGuestRunning(100));
    }
}
