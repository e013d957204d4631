namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorCloneTests
{
    [Fact]
    public async Task Clone_OfTheTemplate_IsALinkedCloneLockedUntilTheTaskEnds()
    {
        using var harness = new SimulatorHarness();

        var upid = await harness.StartTaskAsync("nodes/brian/qemu/9000/clone", ("newid", "120"), ("name", "ci-runner"), ("pool", "ai"));
        var during = await harness.GetAsync("nodes/brian/qemu/120/config");
        var final = await harness.CompleteAsync(upid);
        var clone = await harness.GetAsync("nodes/brian/qemu/120/config");
        var source = await harness.GetAsync("nodes/brian/qemu/9000/config");

        Assert.Contains(":qmclone:9000:", upid, StringComparison.Ordinal);
        Assert.Equal("clone", during.Data!["lock"]!.GetValue<string>());
        Assert.Equal("OK", final["exitstatus"]!.GetValue<string>());
        Assert.Null(clone.Data!["lock"]);
        Assert.Null(clone.Data["template"]);
        Assert.Equal("ci-runner", clone.Data["name"]!.GetValue<string>());
        Assert.Equal("local-lvm:base-9000-disk-0/vm-120-disk-0,iothread=1,size=32G", clone.Data["scsi0"]!.GetValue<string>());
        Assert.NotEqual(source.Data!["net0"]!.GetValue<string>(), clone.Data["net0"]!.GetValue<string>());
        Assert.Contains(await harness.TaskLogAsync(upid), l => l == "create linked clone of drive scsi0 (local-lvm:base-9000-disk-0)");
    }

    [Fact]
    public async Task FullClone_OfTheTemplate_CopiesTheDisk()
    {
        using var harness = new SimulatorHarness();

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/9000/clone", ("newid", "121"), ("full", "1")));
        var clone = await harness.GetAsync("nodes/brian/qemu/121/config");

        Assert.Equal("local-lvm:vm-121-disk-0,iothread=1,size=32G", clone.Data!["scsi0"]!.GetValue<string>());
        Assert.Equal("Copy-of-VM-ubuntu-24.04-template", clone.Data["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clone_ToAnExistingVmid_IsRefused()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/9000/clone", ("newid", "202"));

        Assert.Equal("CT 202 already exists on node 'brian'", answer.Reason);
    }

    [Fact]
    public async Task NextId_AfterAClone_SkipsTheNewVmid()
    {
        using var harness = new SimulatorHarness();
        var before = (await harness.GetAsync("cluster/nextid")).Data!.GetValue<string>();

        await harness.StartTaskAsync("nodes/brian/qemu/9000/clone", ("newid", before));
        var after = (await harness.GetAsync("cluster/nextid")).Data!.GetValue<string>();

        Assert.Equal("101", before);
        Assert.Equal("102", after);
    }
}
