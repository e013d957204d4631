using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Plugins.Tests;

/// <summary>The write tools of <see cref="ProxmoxPlugin"/>: resolved actions, preconditions, compensations and refusals, against the simulated lab.</summary>
public sealed class ProxmoxPluginWriteTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const long GiB = 1024L * 1024 * 1024;
    private readonly SimulatedLab _lab = fixture.Lab;

    [Fact]
    public async Task StartGuest_StoppedVm_ProposesStartWithShutdownAsCompensation()
    {
        var step = await _lab.NewSession().ProposeAsync("start_guest", ("guest", "dev-sandbox"));

        var sandbox = new GuestRef { VmId = 110, Type = GuestType.Qemu, Node = "brian", Name = "dev-sandbox" };
        Assert.Equal(new StartGuestAction(sandbox), step.Action);
        Assert.Equal(new ShutdownGuestAction(sandbox), step.Compensation);
        Assert.Equal(
            [new GuestOnNodePrecondition(sandbox, "brian"), new GuestStatusPrecondition(sandbox, "stopped"), new GuestUnlockedPrecondition(sandbox), new NodeStatusPrecondition("brian", NodeStatus.Online)],
            step.Preconditions);
    }

    [Theory]
    [InlineData("start_guest", "9000", "is a template and cannot start: clone it first (clone_guest).")]
    [InlineData("start_guest", "jellyfin", "VM 105 (jellyfin) is already running; nothing to do.")]
    [InlineData("shutdown_guest", "110", "VM 110 (dev-sandbox) is stopped, not running; nothing to do.")]
    [InlineData("stop_guest", "110", "VM 110 (dev-sandbox) is stopped, not running; nothing to do.")]
    [InlineData("reboot_guest", "dev-sandbox", "VM 110 (dev-sandbox) is stopped, not running; nothing to do.")]
    public async Task LifecycleTools_GuestInTheWrongState_AreRefusedWithTheReason(string tool, string guest, string expected)
    {
        var error = await _lab.NewSession().RefusedAsync(tool, ("guest", guest));

        Assert.EndsWith(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShutdownGuest_ServiceGuest_SaysWhichServiceStopsAndIsUndoneByAStart()
    {
        var step = await _lab.NewSession().ProposeAsync("shutdown_guest", ("guest", "201"), ("timeout", 120), ("force", true));

        var action = Assert.IsType<ShutdownGuestAction>(step.Action);
        Assert.Equal((120, true), (action.TimeoutSeconds, action.ForceStop));
        Assert.Contains("this stops the vllm service", step.Rationale, StringComparison.Ordinal);
        Assert.Equal(new StartGuestAction(action.Guest), step.Compensation);
        Assert.Equal(ToolEffect.Disruptive, step.Effect);
    }

    [Fact]
    public async Task ShutdownGuest_ForceWithoutTimeout_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("shutdown_guest", ("guest", "201"), ("force", true));

        Assert.StartsWith("force needs a timeout", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebootGuest_HasNoCompensation()
    {
        var step = await _lab.NewSession().ProposeAsync("reboot_guest", ("guest", "pihole"));

        Assert.IsType<RebootGuestAction>(step.Action);
        Assert.Null(step.Compensation);
    }

    [Fact]
    public async Task MigrateGuest_RunningContainerToNamedNode_RestartModeWithMemoryPreconditionAndWayBack()
    {
        var step = await _lab.NewSession().ProposeAsync("migrate_guest", ("guest", "pihole"), ("target", "pve3"));

        var pihole = new GuestRef { VmId = 150, Type = GuestType.Lxc, Node = "edge-tt", Name = "pihole" };
        Assert.Equal(new MigrateGuestAction(pihole, "pve3", Online: false, Restart: true), step.Action);
        Assert.Equal(ToolEffect.Disruptive, step.Effect);
        Assert.Equal(new MigrateGuestAction(pihole with { Node = "pve3" }, "edge-tt", false, true), step.Compensation);
        Assert.Contains(new NodeFreeMemoryPrecondition("pve3", 512L * 1024 * 1024), step.Preconditions);
        Assert.Contains(new GuestStatusPrecondition(pihole, "running"), step.Preconditions);
        Assert.Contains(new NodeStatusPrecondition("pve3", NodeStatus.Online), step.Preconditions);
    }

    [Fact]
    public async Task MigrateGuest_WithoutTarget_PicksTheOnlineNodeWithMostFreeMemory()
    {
        var session = _lab.NewSession();
        var snapshot = await session.Context.GetSnapshotAsync();
        var expected = snapshot.Nodes.Where(n => n.Name != "brian").MaxBy(n => n.FreeMemory)!.Name;

        var step = await session.ProposeAsync("migrate_guest", ("guest", "ollama-brian"));

        Assert.Equal(expected, Assert.IsType<MigrateGuestAction>(step.Action).TargetNode);
        Assert.Contains("most free memory", step.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("201", "uses devices local to brian (hostpci0=0000:01:00, hostpci1=0000:02:00, hostpci2=0000:03:00)")]
    [InlineData("homeassistant", "uses devices local to pve3 (usb0=host=10c4:ea60)")]
    [InlineData("samba", "uses devices local to pve3 (mp0=/mnt/nas/share)")]
    public async Task MigrateGuest_LocalDevices_IsRefusedNamingThem(string guest, string expected)
    {
        var error = await _lab.NewSession().RefusedAsync("migrate_guest", ("guest", guest), ("target", "edge-tt"));

        Assert.Contains(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateGuest_ToItsOwnNode_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("migrate_guest", ("guest", "ollama-brian"), ("target", "brian"));

        Assert.Equal("CT 202 (ollama-brian) is already on brian.", error.Error);
    }

    [Fact]
    public async Task MigrateGuest_TargetFilledByAnEarlierStep_IsRefusedWithTheProjectedFigures()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("migrate_guest", ("guest", "ollama-brian"), ("target", "pve3"));

        // pve3 had about 20.5 GiB free; CT 202 is configured for 16 GiB, CT 401 for 8 GiB.
        var error = await session.RefusedAsync("migrate_guest", ("guest", "whisper-edge-tt"), ("target", "pve3"));

        Assert.Contains("free after the earlier steps, CT 401 (whisper-edge-tt) needs 8 GiB", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshot_NamedAndDefault_ValidNamesWithDeleteAsCompensation()
    {
        var session = _lab.NewSession();

        var named = await session.ProposeAsync("create_snapshot", ("guest", "201"), ("name", "before-upgrade"));
        var dated = await session.ProposeAsync("create_snapshot", ("guest", "202"));

        var action = Assert.IsType<CreateSnapshotAction>(named.Action);
        Assert.Equal("before-upgrade", action.Name);
        Assert.Equal(new DeleteSnapshotAction(action.Guest, "before-upgrade"), named.Compensation);
        Assert.Equal("auto-20260302-0930", Assert.IsType<CreateSnapshotAction>(dated.Action).Name);
    }

    [Theory]
    [InlineData("1st", "is not a valid snapshot name")]
    [InlineData("a", "is not a valid snapshot name")]
    [InlineData("has space", "is not a valid snapshot name")]
    [InlineData("current", "reserved by Proxmox")]
    [InlineData("this-name-is-far-too-long-for-proxmox-ve-rules", "is not a valid snapshot name")]
    public async Task CreateSnapshot_InvalidName_IsRefused(string name, string expected)
    {
        var error = await _lab.NewSession().RefusedAsync("create_snapshot", ("guest", "201"), ("name", name));

        Assert.Contains(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshot_SameNameTwiceInOnePlan_SecondIsRefused()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("create_snapshot", ("guest", "201"), ("name", "nightly"));

        var error = await session.RefusedAsync("create_snapshot", ("guest", "vllm-brian"), ("name", "nightly"));

        Assert.Equal("VM 201 (vllm-brian) already has a snapshot named 'nightly'; choose another name.", error.Error);
    }

    [Fact]
    public async Task CreateSnapshot_RamOfAContainer_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("create_snapshot", ("guest", "samba"), ("ram", true));

        Assert.Contains("needs a running VM", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAndDelete_SnapshotMadeEarlierInThePlan_AreDestructiveWithoutCompensation()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("create_snapshot", ("guest", "pihole"), ("name", "before-upgrade"));

        var rollback = await session.ProposeAsync("rollback_snapshot", ("guest", "pihole"), ("name", "before-upgrade"));
        var delete = await session.ProposeAsync("delete_snapshot", ("guest", "pihole"), ("name", "before-upgrade"));

        Assert.IsType<RollbackSnapshotAction>(rollback.Action);
        Assert.Equal((ToolEffect.Destructive, (ClusterAction?)null), (rollback.Effect, rollback.Compensation));
        Assert.IsType<DeleteSnapshotAction>(delete.Action);
        Assert.Null(delete.Compensation);
        var again = await session.RefusedAsync("delete_snapshot", ("guest", "pihole"), ("name", "before-upgrade"));
        Assert.Equal("CT 150 (pihole) has no snapshots.", again.Error);
    }

    [Fact]
    public async Task RollbackSnapshot_UnknownName_SuggestsTheExistingOnes()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("create_snapshot", ("guest", "pihole"), ("name", "before-upgrade"));

        var error = await session.RefusedAsync("rollback_snapshot", ("guest", "pihole"), ("name", "before-upgrad"));

        Assert.Equal("CT 150 (pihole) has no snapshot named 'before-upgrad'.", error.Error);
        Assert.Equal(["before-upgrade"], error.DidYouMean);
    }

    [Fact]
    public async Task CloneGuest_Template_LinkedCloneToTheNextFreeIdWithDeleteAsCompensation()
    {
        var step = await _lab.NewSession().ProposeAsync("clone_guest", ("source", "ubuntu-24.04-template"), ("name", "build-runner"));

        var clone = Assert.IsType<CloneGuestAction>(step.Action);
        Assert.Equal((9000, 101, "build-runner", (string?)null, false), (clone.Source.VmId, clone.NewVmId, clone.Name, clone.TargetNode, clone.Full));
        Assert.Equal(new DeleteGuestAction(new GuestRef { VmId = 101, Type = GuestType.Qemu, Node = "brian", Name = "build-runner" }), step.Compensation);
        Assert.Contains(new GuestAbsentPrecondition(101), step.Preconditions);
    }

    [Fact]
    public async Task CloneGuest_NonTemplate_IsAlwaysAFullCopyAndSaysSo()
    {
        var step = await _lab.NewSession().ProposeAsync("clone_guest", ("source", "110"), ("vmid", 500), ("node", "pve3"));

        var clone = Assert.IsType<CloneGuestAction>(step.Action);
        Assert.Equal((500, "pve3", true), (clone.NewVmId, clone.TargetNode, clone.Full));
        Assert.Contains("full copy (only templates can be cloned linked)", step.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloneGuest_TakenId_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("clone_guest", ("source", "9000"), ("vmid", 105));

        Assert.StartsWith("Id 105 is taken", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateContainer_ValidRequest_ProposesItOnTheNodeWithANewId()
    {
        var step = await _lab.NewSession().ProposeAsync(
            "create_container", ("template", "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"), ("hostname", "mqtt"), ("node", "pve3"), ("memory", 1024), ("cores", 2), ("start", true));

        var action = Assert.IsType<CreateContainerAction>(step.Action);
        Assert.Equal(new CreateContainerAction("pve3", 101, "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", "mqtt", 1024, 2, "local-lvm", true), action);
        Assert.IsType<DeleteGuestAction>(step.Compensation);
    }

    [Theory]
    [InlineData("debian-12", "mqtt", "local-lvm", "is not an OS template volume")]
    [InlineData("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", "mqtt_broker", "local-lvm", "is not a valid DNS name")]
    [InlineData("local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", "mqtt", "fast-ssd", "Storage 'fast-ssd' cannot hold container disks on pve3.")]
    public async Task CreateContainer_InvalidInput_IsRefused(string template, string hostname, string storage, string expected)
    {
        var error = await _lab.NewSession().RefusedAsync("create_container", ("template", template), ("hostname", hostname), ("node", "pve3"), ("storage", storage));

        Assert.Contains(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignGpu_Mapping_ToAVmWithoutGpus_TakesTheFirstFreeSlot()
    {
        var step = await _lab.NewSession().ProposeAsync("assign_gpu", ("guest", "dev-sandbox"), ("device", "rtx-3090"));

        var sandbox = new GuestRef { VmId = 110, Type = GuestType.Qemu, Node = "brian", Name = "dev-sandbox" };
        Assert.Equal(new AssignGpuAction(sandbox, "hostpci0", "rtx-3090", IsMapping: true), step.Action);
        Assert.Equal(new ReleaseGpuAction(sandbox, "hostpci0", null), step.Compensation);
    }

    [Fact]
    public async Task AssignGpu_RawDeviceHeldByAnotherVm_IsRefusedUntilReleasedInThePlan()
    {
        var session = _lab.NewSession();

        var held = await session.RefusedAsync("assign_gpu", ("guest", "110"), ("device", "01:00.0"));
        await session.ProposeAsync("release_gpu", ("guest", "201"), ("slot", "hostpci0"));
        var step = await session.ProposeAsync("assign_gpu", ("guest", "110"), ("device", "0000:01:00"));

        Assert.Contains("already passed through to VM 201 (vllm-brian) as hostpci0", held.Error, StringComparison.Ordinal);
        Assert.Equal(new AssignGpuAction(Assert.IsType<AssignGpuAction>(step.Action).Guest, "hostpci0", "0000:01:00", false), step.Action);
        Assert.Contains("API token can only assign a PCI mapping", step.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignGpu_Container_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("assign_gpu", ("guest", "ollama-brian"), ("device", "rtx-3090"));

        Assert.Contains("is a container", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseGpu_VmWithSeveralDevices_AsksWhichSlot_ThenUndoesByReassigning()
    {
        var session = _lab.NewSession();

        var ambiguous = await session.RefusedAsync("release_gpu", ("guest", "vllm-brian"));
        var step = await session.ProposeAsync("release_gpu", ("guest", "vllm-brian"), ("slot", "2"));

        Assert.Equal(["hostpci0=0000:01:00", "hostpci1=0000:02:00", "hostpci2=0000:03:00"], ambiguous.DidYouMean);
        var release = Assert.IsType<ReleaseGpuAction>(step.Action);
        Assert.Equal(("hostpci2", "0000:03:00,pcie=1"), (release.Slot, release.PreviousValue));
        Assert.Equal(new AssignGpuAction(release.Guest, "hostpci2", "0000:03:00", false), step.Compensation);
    }

    [Fact]
    public async Task WakeNode_OnlineNode_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("wake_node", ("node", "brian"));

        Assert.Equal("Node brian is already online; nothing to do.", error.Error);
    }

    [Fact]
    public async Task WriteTools_WhilePlanning_NeverStartAProxmoxTask()
    {
        var before = await _lab.TaskIdsAsync();
        var session = _lab.NewSession();

        await session.ProposeAsync("start_guest", ("guest", "110"));
        await session.ProposeAsync("shutdown_guest", ("guest", "201"));
        await session.ProposeAsync("migrate_guest", ("guest", "pihole"), ("target", "pve3"));
        await session.ProposeAsync("create_snapshot", ("guest", "202"), ("name", "pre"));
        await session.ProposeAsync("clone_guest", ("source", "9000"));
        await session.ProposeAsync("assign_gpu", ("guest", "110"), ("device", "rtx-3090"));
        await session.ProposeAsync("release_gpu", ("guest", "201"), ("slot", "hostpci1"));
        await session.ProposeAsync("reboot_guest", ("guest", "jellyfin"));

        Assert.Equal(8, session.Steps.Count);
        Assert.Equal(before, await _lab.TaskIdsAsync());
        var guests = (await _lab.Api.GetClusterResourcesAsync()).Where(r => r.VmId is 110 or 150 or 201).ToDictionary(r => r.VmId!.Value, r => (r.Status, r.Node));
        Assert.Equal(("stopped", "brian"), guests[110]);
        Assert.Equal(("running", "edge-tt"), guests[150]);
        Assert.Equal(("running", "brian"), guests[201]);
    }
}
