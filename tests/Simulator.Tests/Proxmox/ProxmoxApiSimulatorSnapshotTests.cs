using System.Net;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorSnapshotTests
{
    [Fact]
    public async Task Snapshot_CreateListRollbackDelete_BehavesLikePve()
    {
        using var harness = new SimulatorHarness();

        var create = await harness.StartTaskAsync("nodes/brian/qemu/110/snapshot", ("snapname", "before-upgrade"), ("description", "pre kernel 6.17"));
        var lockedConfig = await harness.GetAsync("nodes/brian/qemu/110/config");
        await harness.CompleteAsync(create);
        var list = await harness.GetAsync("nodes/brian/qemu/110/snapshot");
        await harness.PutAsync("nodes/brian/qemu/110/config", ("memory", "16384"));
        var rollback = await harness.StartTaskAsync("nodes/brian/qemu/110/snapshot/before-upgrade/rollback");
        var rollbackStatus = await harness.CompleteAsync(rollback);
        var restored = await harness.GetAsync("nodes/brian/qemu/110/config");
        var delete = await harness.DeleteAsync("nodes/brian/qemu/110/snapshot/before-upgrade");
        await harness.CompleteAsync(delete.Data!.GetValue<string>());
        var afterDelete = await harness.GetAsync("nodes/brian/qemu/110/snapshot");

        Assert.Contains(":qmsnapshot:110:", create, StringComparison.Ordinal);
        Assert.Equal("snapshot", lockedConfig.Data!["lock"]!.GetValue<string>());
        var entries = list.Data!.AsArray();
        Assert.Equal(["before-upgrade", "current"], entries.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal("pre kernel 6.17", entries[0]!["description"]!.GetValue<string>());
        Assert.Equal(0, entries[0]!["vmstate"]!.GetValue<int>());
        Assert.Equal("You are here!", entries[1]!["description"]!.GetValue<string>());
        Assert.Equal("before-upgrade", entries[1]!["parent"]!.GetValue<string>());
        Assert.Equal("OK", rollbackStatus["exitstatus"]!.GetValue<string>());
        Assert.Equal("8192", restored.Data!["memory"]!.GetValue<string>());
        Assert.Equal("before-upgrade", restored.Data["parent"]!.GetValue<string>());
        Assert.Equal(["current"], afterDelete.Data!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Null(afterDelete.Data![0]!["parent"]);
        Assert.Contains(await harness.TaskLogAsync(create), l => l == "  Logical volume \"snap_vm-110-disk-0_before-upgrade\" created.");
    }

    [Fact]
    public async Task Snapshot_WithANameAlreadyUsed_IsRefused()
    {
        using var harness = new SimulatorHarness();
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/lxc/202/snapshot", ("snapname", "nightly")));

        var answer = await harness.PostAsync("nodes/brian/lxc/202/snapshot", ("snapname", "nightly"));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("snapshot name 'nightly' already used", answer.Reason);
    }

    [Fact]
    public async Task Rollback_ToAnUnknownSnapshot_SaysItDoesNotExist()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/snapshot/nope/rollback");

        Assert.Equal("snapshot 'nope' does not exist", answer.Reason);
    }

    [Fact]
    public async Task Rollback_OfARunningVmToADiskOnlySnapshot_LeavesItStopped()
    {
        using var harness = new SimulatorHarness();
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/edge-tt/qemu/402/snapshot", ("snapname", "clean")));

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/edge-tt/qemu/402/snapshot/clean/rollback"));

        Assert.False(harness.Engine.Proxmox.IsGuestRunning(402));
    }

    [Fact]
    public async Task SnapshotWithVmState_OfARunningVm_ComesBackRunningOnRollback()
    {
        using var harness = new SimulatorHarness();
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/snapshot", ("snapname", "live"), ("vmstate", "1")));
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/status/stop"));

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/pve3/qemu/100/snapshot/live/rollback"));
        var list = await harness.GetAsync("nodes/pve3/qemu/100/snapshot");

        Assert.True(harness.Engine.Proxmox.IsGuestRunning(100));
        Assert.Equal(1, list.Data![0]!["vmstate"]!.GetValue<int>());
    }
}
