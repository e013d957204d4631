using System.Net;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorMigrationTests
{
    [Fact]
    public async Task Migrate_ToItsOwnNode_Is400TargetIsLocalNode()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/migrate", ("target", "brian"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("target is local node.", answer.Body!["errors"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task Migrate_RunningVmWithoutOnline_Is500()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/pve3/qemu/100/migrate", ("target", "brian"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("can't migrate running VM without --online", answer.Reason);
    }

    [Fact]
    public async Task Migrate_StoppedVm_HoldsTheMigrateLockThenMovesTheVm()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "pve3"));
        var resourceDuring = await Resource(harness, "qemu/110");
        var statusDuring = await harness.GetAsync("nodes/brian/qemu/110/status/current");
        var secondAttempt = await harness.PostAsync("nodes/brian/qemu/110/status/start");
        var final = await harness.CompleteAsync(upid);
        var resourceAfter = await Resource(harness, "qemu/110");
        var oldHome = await harness.GetAsync("nodes/brian/qemu/110/status/current");
        var newHome = await harness.GetAsync("nodes/pve3/qemu/110/status/current");

        Assert.Equal("migrate", resourceDuring["lock"]!.GetValue<string>());
        Assert.Equal("brian", resourceDuring["node"]!.GetValue<string>());
        Assert.Equal("migrate", statusDuring.Data!["lock"]!.GetValue<string>());
        Assert.Equal("VM is locked (migrate)", secondAttempt.Reason);
        Assert.Equal("OK", final["exitstatus"]!.GetValue<string>());
        Assert.Equal("pve3", resourceAfter["node"]!.GetValue<string>());
        Assert.Null(resourceAfter["lock"]);
        Assert.Equal(HttpStatusCode.InternalServerError, oldHome.Status);
        Assert.Equal("stopped", newHome.Data!["status"]!.GetValue<string>());
        var log = await harness.TaskLogAsync(upid);
        Assert.EndsWith("starting migration of VM 110 to node 'pve3' (192.168.0.103)", log[0], StringComparison.Ordinal);
        Assert.Contains(log, l => l.EndsWith("migration finished successfully (duration 00:00:16)", StringComparison.Ordinal));
        Assert.Equal("TASK OK", log[^1]);
    }

    [Fact]
    public async Task Migrate_RunningVmOnline_StaysRunningOnTheTarget()
    {
        using var harness = new SimulatorHarness();

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "pve3"), ("online", "1"));
        var during = await harness.GetAsync("nodes/brian/qemu/110/status/current");
        var final = await harness.CompleteAsync(upid);
        var after = await harness.GetAsync("nodes/pve3/qemu/110/status/current");

        Assert.Equal("running", during.Data!["status"]!.GetValue<string>());
        Assert.Equal("OK", final["exitstatus"]!.GetValue<string>());
        Assert.Equal("running", after.Data!["status"]!.GetValue<string>());
        Assert.True(harness.Engine.Proxmox.IsGuestRunning(110));
        Assert.Contains(await harness.TaskLogAsync(upid), l => l.EndsWith("starting online/live migration on unix:/run/qemu-server/110.migrate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_VmWithRawHostpci_IsAcceptedAndFailsInTheTaskLikePve()
    {
        using var harness = new SimulatorHarness();
        var started = harness.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        var answer = await harness.PostAsync("nodes/brian/qemu/201/migrate", ("target", "pve3"), ("online", "1"));
        var upid = answer.Data!.GetValue<string>();
        var final = await harness.CompleteAsync(upid);
        var log = await harness.TaskLogAsync(upid);
        var resource = await Resource(harness, "qemu/201");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("migration aborted", final["exitstatus"]!.GetValue<string>());
        Assert.Equal(
            [
                $"{started} ERROR: migration aborted (duration 00:00:00): can't migrate VM which uses local devices: hostpci0, hostpci1, hostpci2",
                "TASK ERROR: migration aborted",
            ],
            log);
        Assert.Equal("brian", resource["node"]!.GetValue<string>());
        Assert.Equal("running", resource["status"]!.GetValue<string>());
        Assert.Null(resource["lock"]);
    }

    [Fact]
    public async Task Precondition_ForTheGpuVm_ReportsItsLocalResources()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/brian/qemu/201/migrate?target=pve3");

        Assert.Equal(1, answer.Data!["running"]!.GetValue<int>());
        Assert.Equal(["hostpci0", "hostpci1", "hostpci2"], answer.Data["local_resources"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains(answer.Data["local_disks"]!.AsArray(), d => d!["volid"]!.GetValue<string>() == "local-lvm:vm-201-disk-1");
        Assert.Null(answer.Data["allowed_nodes"]);
    }

    [Fact]
    public async Task MappedGpu_ToANodeWithoutTheMapping_IsNotAllowedAndFailsInTheTask()
    {
        using var harness = new SimulatorHarness();
        await harness.PutAsync("nodes/brian/qemu/110/config", ("hostpci0", "mapping=rtx-3090,pcie=1"));

        var precondition = await harness.GetAsync("nodes/brian/qemu/110/migrate");
        var final = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "pve3")));

        Assert.Empty(precondition.Data!["local_resources"]!.AsArray());
        Assert.Equal("rtx-3090", precondition.Data["mapped-resource-info"]!["hostpci0"]!["name"]!.GetValue<string>());
        Assert.Equal("rtx-3090", precondition.Data["not_allowed_nodes"]!["pve3"]!["unavailable-resources"]![0]!.GetValue<string>());
        Assert.DoesNotContain(precondition.Data["allowed_nodes"]!.AsArray(), n => n!.GetValue<string>() == "pve3");
        Assert.Equal("migration aborted", final["exitstatus"]!.GetValue<string>());
        Assert.Contains(await harness.TaskLogAsync(final["upid"]!.GetValue<string>()),
            l => l.EndsWith("can't migrate to 'pve3': missing mapped devices hostpci0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_ToASleepingNode_CannotConnect()
    {
        using var harness = new SimulatorHarness();
        await harness.Engine.SetNodeOnlineAsync("edge-tt", online: false);

        var final = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/migrate", ("target", "edge-tt")));
        var log = await harness.TaskLogAsync(final["upid"]!.GetValue<string>());

        Assert.Equal("migration aborted", final["exitstatus"]!.GetValue<string>());
        Assert.EndsWith("ERROR: migration aborted (duration 00:00:03): Can't connect to destination address using public key", log[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_RunningContainerWithoutRestart_Is500()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/lxc/202/migrate", ("target", "pve3"));

        Assert.Equal("can't migrate running container without --online or --restart", answer.Reason);
    }

    [Fact]
    public async Task Migrate_RunningContainerInRestartMode_RunsAgainOnTheTarget()
    {
        using var harness = new SimulatorHarness();

        var final = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/lxc/202/migrate", ("target", "pve3"), ("restart", "1")));
        var moved = await harness.GetAsync("nodes/pve3/lxc/202/status/current");

        Assert.Equal("OK", final["exitstatus"]!.GetValue<string>());
        Assert.Equal("running", moved.Data!["status"]!.GetValue<string>());
        Assert.Equal("pve3", harness.Engine.Proxmox.NodeOfGuest(202));
        Assert.Equal("shutdown CT 202", (await harness.TaskLogAsync(final["upid"]!.GetValue<string>()))[0][20..]);
    }

    [Fact]
    public async Task Migrate_ContainerWithABindMount_FailsInTheTask()
    {
        using var harness = new SimulatorHarness();

        var final = await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/lxc/106/migrate", ("target", "brian"), ("restart", "1")));

        Assert.Equal("migration aborted", final["exitstatus"]!.GetValue<string>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Resource(SimulatorHarness harness, string id) =>
        (await harness.GetAsync("cluster/resources?type=vm")).Data!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
}
