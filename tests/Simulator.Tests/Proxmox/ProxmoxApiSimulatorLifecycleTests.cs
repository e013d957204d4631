using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorLifecycleTests
{
    [Fact]
    public async Task Start_ReturnsAUpidInPveFormatForTheToken()
    {
        using var harness = new SimulatorHarness();
        var now = harness.Clock.GetUtcNow().ToUnixTimeSeconds();

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");

        var match = Regex.Match(upid, "^UPID:brian:([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):qmstart:110:pveagent@pve!orchestrator:$");
        Assert.True(match.Success, upid);
        Assert.Equal(now, long.Parse(match.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Start_StoppedVm_RunsAsATaskAndTheVmRunsWhenItEnds()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");
        var running = await harness.TaskStatusAsync(upid);
        var guestWhileRunning = await harness.GetAsync("nodes/brian/qemu/110/status/current");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        var finished = await harness.TaskStatusAsync(upid);
        var guestAfter = await harness.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("running", running["status"]!.GetValue<string>());
        Assert.False(running.ContainsKey("exitstatus"));
        Assert.Equal("stopped", guestWhileRunning.Data!["status"]!.GetValue<string>());
        Assert.Equal("stopped", finished["status"]!.GetValue<string>());
        Assert.Equal("OK", finished["exitstatus"]!.GetValue<string>());
        Assert.False(finished.ContainsKey("endtime"));
        Assert.Equal("pveagent@pve", finished["user"]!.GetValue<string>());
        Assert.Equal("orchestrator", finished["tokenid"]!.GetValue<string>());
        Assert.Equal("running", guestAfter.Data!["status"]!.GetValue<string>());
        Assert.Equal("running", guestAfter.Data["qmpstatus"]!.GetValue<string>());
        Assert.Equal(["TASK OK"], await harness.TaskLogAsync(upid));
    }

    [Fact]
    public async Task FinishedTask_IsListedInClusterTasksWithEndtimeAndStatus()
    {
        using var harness = new SimulatorHarness();
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");
        var whileRunning = (await harness.GetAsync("cluster/tasks")).Data!.AsArray().Single(t => t!["upid"]!.GetValue<string>() == upid)!;

        await harness.CompleteAsync(upid);
        var done = (await harness.GetAsync("cluster/tasks")).Data!.AsArray().Single(t => t!["upid"]!.GetValue<string>() == upid)!;

        Assert.Null(whileRunning["status"]);
        Assert.Null(whileRunning["endtime"]);
        Assert.Equal("OK", done["status"]!.GetValue<string>());
        Assert.Equal(harness.Clock.GetUtcNow().ToUnixTimeSeconds(), done["endtime"]!.GetValue<long>());
        Assert.Equal("orchestrator", done["tokenid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_OfARunningVm_Is500AlreadyRunning()
    {
        using var harness = new SimulatorHarness();
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));

        var answer = await harness.PostAsync("nodes/brian/qemu/110/status/start");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("VM 110 already running", answer.Reason);
        Assert.Equal("VM 110 already running\n", answer.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WhileTheStartTaskRuns_CannotTakeTheConfigLock()
    {
        using var harness = new SimulatorHarness();
        await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");

        var answer = await harness.PostAsync("nodes/brian/qemu/110/status/start");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("can't lock file '/var/lock/qemu-server/lock-110.conf' - got timeout", answer.Reason);
    }

    [Fact]
    public async Task Start_OfATemplate_IsRefused()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/9000/status/start");

        Assert.Equal("you can't start a vm if it's a template", answer.Reason);
    }

    [Fact]
    public async Task Shutdown_RunningContainer_StopsItAfterTheTask()
    {
        using var harness = new SimulatorHarness();

        var status = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/lxc/202/status/shutdown"));
        var guest = await harness.GetAsync("nodes/brian/lxc/202/status/current");

        Assert.Equal("OK", status["exitstatus"]!.GetValue<string>());
        Assert.Equal("stopped", guest.Data!["status"]!.GetValue<string>());
        Assert.False(harness.Engine.Proxmox.IsGuestRunning(202));
    }

    [Fact]
    public async Task Stop_OfAStoppedContainer_Is500NotRunning()
    {
        using var harness = new SimulatorHarness();
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/lxc/202/status/stop"));

        var answer = await harness.PostAsync("nodes/brian/lxc/202/status/stop");

        Assert.Equal("CT 202 not running", answer.Reason);
    }

    [Fact]
    public async Task MissingVm_Is500ConfigurationFileDoesNotExist()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/brian/qemu/999/status/current");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("Configuration file 'nodes/brian/qemu-server/999.conf' does not exist", answer.Reason);
    }

    [Fact]
    public async Task Vm_AskedForOnTheWrongNode_DoesNotExistThere()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/pve3/qemu/201/status/current");

        Assert.Equal("Configuration file 'nodes/pve3/qemu-server/201.conf' does not exist", answer.Reason);
    }

    [Fact]
    public async Task UnknownNode_InAProxiedCall_FailsTheHostnameLookup()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/nowhere/status");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.StartsWith("hostname lookup 'nowhere' failed", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHostpci_SetWithAToken_IsRootOnly()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PutAsync("nodes/brian/qemu/110/config", ("hostpci0", "0000:01:00,pcie=1"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("only root can set 'hostpci0' config for non-mapped devices", answer.Reason);
    }

    [Fact]
    public async Task MappedGpu_AllTakenByTheRunningVllmVm_FailsTheStartTask()
    {
        using var harness = new SimulatorHarness();
        var put = await harness.PutAsync("nodes/brian/qemu/110/config", ("hostpci0", "mapping=rtx-3090,pcie=1"), ("machine", "q35"));

        var status = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));
        var guest = await harness.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("could not find a free device for 'hostpci0'", status["exitstatus"]!.GetValue<string>());
        Assert.Equal("stopped", guest.Data!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task MappedGpu_FreedByStoppingTheVllmVm_LetsTheOtherVmStart()
    {
        using var harness = new SimulatorHarness();
        await harness.PutAsync("nodes/brian/qemu/110/config", ("hostpci0", "mapping=rtx-3090,pcie=1"));
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/201/status/shutdown"));

        var status = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));

        Assert.Equal("OK", status["exitstatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfigChange_ThatCannotBeHotplugged_StaysPendingUntilReboot()
    {
        using var harness = new SimulatorHarness();

        var put = await harness.PutAsync("nodes/brian/qemu/201/config", ("memory", "49152"), ("description", "tuned"));
        var pending = await harness.GetAsync("nodes/brian/qemu/201/config");
        var current = await harness.GetAsync("nodes/brian/qemu/201/config?current=1");
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/201/status/reboot"));
        var afterReboot = await harness.GetAsync("nodes/brian/qemu/201/config?current=1");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Null(put.Data);
        Assert.Equal("49152", pending.Data!["memory"]!.GetValue<string>());
        Assert.Equal("65536", current.Data!["memory"]!.GetValue<string>());
        Assert.Equal("tuned", current.Data["description"]!.GetValue<string>());
        Assert.Equal("49152", afterReboot.Data!["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task Config_WithAStaleDigest_IsRefused()
    {
        using var harness = new SimulatorHarness();
        var digest = (await harness.GetAsync("nodes/brian/qemu/110/config")).Data!["digest"]!.GetValue<string>();
        await harness.PutAsync("nodes/brian/qemu/110/config", ("cores", "6"));

        var answer = await harness.PutAsync("nodes/brian/qemu/110/config", ("cores", "8"), ("digest", digest));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("checksum mismatch (file change by other user?)", answer.Reason);
    }

    [Fact]
    public async Task ConfigPost_RunsAsATaskAndAppliesWhenItEnds()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/config", ("cores", "6"));
        var before = await harness.GetAsync("nodes/brian/qemu/110/config");
        await harness.CompleteAsync(upid);
        var after = await harness.GetAsync("nodes/brian/qemu/110/config");

        Assert.Contains(":qmconfig:110:", upid, StringComparison.Ordinal);
        Assert.Equal(4, before.Data!["cores"]!.GetValue<int>());
        Assert.Equal(6, after.Data!["cores"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_Vm_AppearsLockedAndIsUsableOnceTheTaskEnds()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/pve3/qemu", ("vmid", "130"), ("name", "scratch"), ("memory", "4096"), ("scsi0", "local-lvm:32"),
            ("net0", "virtio,bridge=vmbr0"), ("pool", "ai"));
        var during = await harness.GetAsync("nodes/pve3/qemu/130/config");
        await harness.CompleteAsync(upid);
        var after = await harness.GetAsync("nodes/pve3/qemu/130/config");
        var pool = await harness.GetAsync("pools?poolid=ai");

        Assert.Equal("create", during.Data!["lock"]!.GetValue<string>());
        Assert.Null(after.Data!["lock"]);
        Assert.Equal("local-lvm:vm-130-disk-0,size=32G", after.Data["scsi0"]!.GetValue<string>());
        Assert.Contains(pool.Data![0]!["members"]!.AsArray(), m => m!["vmid"]!.GetValue<int>() == 130);
    }

    [Fact]
    public async Task Create_WithAnExistingVmid_IsRefused()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/pve3/qemu", ("vmid", "201"));

        Assert.Equal("VM 201 already exists on node 'brian'", answer.Reason);
    }

    [Fact]
    public async Task Destroy_StoppedVm_RemovesItWhenTheTaskEnds()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.DeleteAsync("nodes/brian/qemu/110?purge=1");
        var upid = answer.Data!.GetValue<string>();
        var during = await harness.GetAsync("nodes/brian/qemu/110/status/current");
        var status = await harness.CompleteAsync(upid);
        var gone = await harness.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Contains(":qmdestroy:110:", upid, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Equal("OK", status["exitstatus"]!.GetValue<string>());
        Assert.Equal("Configuration file 'nodes/brian/qemu-server/110.conf' does not exist", gone.Reason);
    }

    [Fact]
    public async Task Destroy_RunningVm_IsRefused()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.DeleteAsync("nodes/brian/qemu/201");

        Assert.Equal("VM 201 is running - destroy failed", answer.Reason);
    }
}
