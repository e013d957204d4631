using PveAgent.Core.Execution;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Execution;

/// <summary>The action runner against the simulated sample home lab (brian, pve3, edge-tt).</summary>
public sealed class ClusterActionRunnerTests
{
    private static readonly GuestRef DevSandbox = new() { VmId = 110, Type = GuestType.Qemu, Node = "brian", Name = "dev-sandbox" };
    private static readonly GuestRef VllmVm = new() { VmId = 201, Type = GuestType.Qemu, Node = "brian", Name = "vllm-brian" };
    private static readonly GuestRef Samba = new() { VmId = 106, Type = GuestType.Lxc, Node = "pve3", Name = "samba" };
    private static readonly GuestRef PiHole = new() { VmId = 150, Type = GuestType.Lxc, Node = "edge-tt", Name = "pihole" };

    [Fact]
    public async Task Start_StoppedVm_ReturnsTheTaskAtOnceThenWaitSeesItFinishAndTheVmRuns()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock, lab.Config);
        var action = new StartGuestAction(DevSandbox);

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var runningRightAfter = await lab.Proxmox.GetTaskStatusAsync(started.Upid!);
        var progress = new ListProgress<ActionProgress>();
        var outcome = await lab.Run(() => runner.WaitAsync(action, started, progress));
        var status = await lab.Proxmox.GetGuestStatusAsync("brian", GuestType.Qemu, 110);

        Assert.Equal("qmstart", started.Upid!.Type);
        Assert.Equal("110", started.Upid.Id);
        Assert.Null(started.Completed);
        Assert.True(runningRightAfter.IsRunning);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("OK", outcome.ExitStatus);
        Assert.Equal("VM 110 (dev-sandbox) is running on brian (2 s).", outcome.Summary);
        Assert.True(status.IsRunning);
        Assert.NotEmpty(progress.Reports);
    }

    [Fact]
    public async Task Start_AlreadyRunningVm_CompletesAsSuccessWithoutATask()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var started = await SimLab.Start(() => runner.StartAsync(new StartGuestAction(VllmVm)));

        Assert.Null(started.Upid);
        Assert.True(started.Completed!.Succeeded);
        Assert.Equal("VM 201 (vllm-brian) was already running on brian.", started.Completed.Summary);
    }

    [Fact]
    public async Task Migrate_VmWithRawHostPci_IsRefusedBeforeThePostNamingTheDevices()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var started = await SimLab.Start(() => runner.StartAsync(new MigrateGuestAction(VllmVm, "pve3", Online: true)));

        var outcome = started.Completed!;
        Assert.False(outcome.Succeeded);
        Assert.Null(started.Upid);
        Assert.Contains("uses local devices that cannot move with it: hostpci0, hostpci1, hostpci2", outcome.Error);
        Assert.Contains("mapping=", outcome.Error);
        Assert.Single(lab.Requests.Matching("GET", "/qemu/201/migrate"));
        Assert.Empty(lab.Requests.Matching("POST", "/qemu/201/migrate"));
    }

    [Fact]
    public async Task Migrate_StoppedVm_SendsAnOfflineMigrationAndTheVmEndsOnTheTarget()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new MigrateGuestAction(DevSandbox, "pve3", Online: false);

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var outcome = await lab.Run(() => runner.WaitAsync(action, started));
        var guests = await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm);

        var post = Assert.Single(lab.Requests.Matching("POST", "/qemu/110/migrate"));
        Assert.Contains("target=pve3", post.Body);
        Assert.DoesNotContain("online", post.Body);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.StartsWith("VM 110 (dev-sandbox) is now on pve3 (", outcome.Summary);
        Assert.Equal("pve3", guests.Single(g => g.VmId == 110).Node);
    }

    [Fact]
    public async Task Migrate_RunningContainer_UsesRestartMode()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new MigrateGuestAction(PiHole, "pve3", Online: false, Restart: true);

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var outcome = await lab.Run(() => runner.WaitAsync(action, started));
        var guest = (await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm)).Single(g => g.VmId == 150);

        Assert.Contains("restart=1", Assert.Single(lab.Requests.Matching("POST", "/lxc/150/migrate")).Body);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("CT 150 (pihole) now runs on pve3", outcome.Summary[..outcome.Summary.IndexOf(" (", 20, StringComparison.Ordinal)]);
        Assert.Equal(("pve3", "running"), (guest.Node, guest.Status));
    }

    [Fact]
    public async Task Migrate_ContainerWithBindMount_TaskFailsAndTheOutcomeSaysWhy()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new MigrateGuestAction(Samba, "brian", Online: false, Restart: true);

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var outcome = await lab.Run(() => runner.WaitAsync(action, started));

        Assert.NotNull(started.Upid);
        Assert.False(outcome.Succeeded);
        Assert.Equal("migration aborted", outcome.ExitStatus);
        Assert.Contains("cannot migrate local bind mount point 'mp0'", outcome.Error);
        Assert.StartsWith("Migrating CT 106 (samba) from pve3 to brian failed: migration aborted", outcome.Summary);
        Assert.NotEmpty(outcome.LogTail);
    }

    [Fact]
    public async Task Snapshot_CreateRollbackDelete_EachTaskSucceedsAndTheListFollows()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var create = await Apply(lab, runner, new CreateSnapshotAction(DevSandbox, "before-upgrade", "taken by a test"));
        var afterCreate = await lab.Proxmox.ListSnapshotsAsync("brian", GuestType.Qemu, 110);
        var rollback = await Apply(lab, runner, new RollbackSnapshotAction(DevSandbox, "before-upgrade"));
        var delete = await Apply(lab, runner, new DeleteSnapshotAction(DevSandbox, "before-upgrade"));
        var afterDelete = await lab.Proxmox.ListSnapshotsAsync("brian", GuestType.Qemu, 110);

        Assert.True(create.Succeeded, create.Error);
        Assert.StartsWith("Snapshot 'before-upgrade' of VM 110 (dev-sandbox) taken (", create.Summary);
        Assert.Contains(afterCreate, s => s.Name == "before-upgrade" && s.Description == "taken by a test");
        Assert.True(rollback.Succeeded, rollback.Error);
        Assert.StartsWith("VM 110 (dev-sandbox) rolled back to snapshot 'before-upgrade' (", rollback.Summary);
        Assert.True(delete.Succeeded, delete.Error);
        Assert.DoesNotContain(afterDelete, s => s.Name == "before-upgrade");
        Assert.Equal(["qmsnapshot", "qmrollback", "qmdelsnapshot"], lab.Requests.All.Where(r => r.Method is "POST" or "DELETE").Select(r => r.Path.Split('/')[^1] switch
        {
            "snapshot" => "qmsnapshot",
            "rollback" => "qmrollback",
            _ => "qmdelsnapshot",
        }));
    }

    [Fact]
    public async Task CloneThenDelete_TemplateIsClonedAndTheCloneDeletedWithPurge()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var template = new GuestRef { VmId = 9000, Type = GuestType.Qemu, Node = "brian", Name = "ubuntu-24.04-template" };
        var clone = new GuestRef { VmId = 120, Type = GuestType.Qemu, Node = "brian", Name = "scratch" };

        var cloned = await Apply(lab, runner, new CloneGuestAction(template, 120, "scratch", null, Full: false));
        var afterClone = await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm);
        var deleted = await Apply(lab, runner, new DeleteGuestAction(clone));
        var afterDelete = await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm);

        Assert.True(cloned.Succeeded, cloned.Error);
        Assert.StartsWith("VM 9000 (ubuntu-24.04-template) cloned to VM 120 (scratch) (", cloned.Summary);
        Assert.Contains(afterClone, g => g.VmId == 120 && g.Name == "scratch");
        Assert.True(deleted.Succeeded, deleted.Error);
        Assert.DoesNotContain(afterDelete, g => g.VmId == 120);
        Assert.Contains("purge=1", Assert.Single(lab.Requests.All, r => r.Method == "DELETE").Query);
    }

    [Fact]
    public async Task CreateContainer_StartsAVzcreateTaskAndTheContainerExistsAfterwards()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new CreateContainerAction("pve3", 130, "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "builder", 2048, 2, "local-lvm", Start: true);

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var outcome = await lab.Run(() => runner.WaitAsync(action, started));
        var guest = (await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm)).SingleOrDefault(g => g.VmId == 130);

        Assert.Equal("vzcreate", started.Upid!.Type);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.StartsWith("CT 130 (builder) created on pve3 and started (", outcome.Summary);
        Assert.Equal(("pve3", "builder"), (guest?.Node, guest?.Name));
    }

    [Fact]
    public async Task ShutdownAndReboot_RunningVm_EachEndsInTheExpectedState()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var reboot = await Apply(lab, runner, new RebootGuestAction(VllmVm));
        var afterReboot = await lab.Proxmox.GetGuestStatusAsync("brian", GuestType.Qemu, 201);
        var shutdown = await Apply(lab, runner, new ShutdownGuestAction(VllmVm, TimeoutSeconds: 60, ForceStop: true));
        var afterShutdown = await lab.Proxmox.GetGuestStatusAsync("brian", GuestType.Qemu, 201);

        Assert.True(reboot.Succeeded, reboot.Error);
        Assert.True(afterReboot.IsRunning);
        Assert.True(afterReboot.Uptime < 60);
        Assert.True(shutdown.Succeeded, shutdown.Error);
        Assert.False(afterShutdown.IsRunning);
        var post = Assert.Single(lab.Requests.Matching("POST", "/qemu/201/status/shutdown"));
        Assert.Contains("timeout=60", post.Body);
        Assert.Contains("forceStop=1", post.Body);
    }

    [Fact]
    public async Task AssignGpu_Mapping_IsWrittenWithTheConfigDigestAndCompletesWithoutATask()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var digest = (await lab.Proxmox.GetGuestConfigAsync("brian", GuestType.Qemu, 110)).Digest;

        var started = await SimLab.Start(() => runner.StartAsync(new AssignGpuAction(DevSandbox, "hostpci0", "rtx-3090", IsMapping: true)));
        var config = await lab.Proxmox.GetGuestConfigAsync("brian", GuestType.Qemu, 110);

        Assert.Null(started.Upid);
        Assert.True(started.Completed!.Succeeded, started.Completed.Error);
        Assert.Equal("VM 110 (dev-sandbox) has hostpci0 = mapping=rtx-3090 from its next start.", started.Completed.Summary);
        Assert.Equal("mapping=rtx-3090", config.Get("hostpci0"));
        var put = Assert.Single(lab.Requests.Matching("PUT", "/qemu/110/config"));
        Assert.Contains($"digest={digest}", put.Body);
    }

    [Fact]
    public async Task AssignGpu_RawDeviceWithAToken_PveRefusesAndTheRefusalIsAFailedOutcome()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var started = await SimLab.Start(() => runner.StartAsync(new AssignGpuAction(DevSandbox, "hostpci0", "0000:02:00", IsMapping: false)));

        Assert.False(started.Completed!.Succeeded);
        Assert.Contains("only root can set 'hostpci0' config for non-mapped devices", started.Completed.Summary);
        Assert.Null((await lab.Proxmox.GetGuestConfigAsync("brian", GuestType.Qemu, 110)).Get("hostpci0"));
    }

    [Fact]
    public async Task ReleaseGpu_RemovesTheSlotWithTheDigest()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var started = await SimLab.Start(() => runner.StartAsync(new ReleaseGpuAction(VllmVm, "hostpci2", "0000:03:00,pcie=1")));
        var config = await lab.Proxmox.GetGuestConfigAsync("brian", GuestType.Qemu, 201);

        Assert.True(started.Completed!.Succeeded, started.Completed.Error);
        Assert.Null(config.Get("hostpci2"));
        Assert.NotNull(config.Get("hostpci1"));
        var put = Assert.Single(lab.Requests.Matching("PUT", "/qemu/201/config"));
        Assert.Contains("delete=hostpci2", put.Body);
        Assert.Contains("digest=", put.Body);
    }

    [Fact]
    public async Task WakeNode_AsleepNode_SendsTheMagicPacketThenWaitsUntilItIsOnline()
    {
        using var lab = new SimLab();
        await lab.Engine.SetNodeOnlineAsync("edge-tt", false);
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock, lab.Config);
        var action = new WakeNodeAction("edge-tt", "brian");
        var progress = new ListProgress<ActionProgress>();

        var started = await SimLab.Start(() => runner.StartAsync(action));
        var outcome = await lab.Run(() => runner.WaitAsync(action, started, progress), TimeSpan.FromSeconds(1));
        var nodes = await lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Node);

        Assert.Equal("D8:5E:D3:4A:11:50", started.Detail);
        Assert.Single(lab.Requests.Matching("POST", "/nodes/edge-tt/wakeonlan"));
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.InRange(outcome.Duration, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(95));
        Assert.Equal("online", nodes.Single(n => n.Node == "edge-tt").Status);
        Assert.Equal("waiting for edge-tt to boot (0 s)", progress.Reports[0].Message);
        Assert.Contains(progress.Reports, p => p.Message == "waiting for edge-tt to boot (35 s)" && p.Fraction is > 0.38 and < 0.40);
    }

    [Fact]
    public async Task WakeNode_WithoutAMacInProxmox_TheRefusalIsAFailedOutcome()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock, lab.Config);

        var started = await SimLab.Start(() => runner.StartAsync(new WakeNodeAction("pve3", "brian")));

        Assert.False(started.Completed!.Succeeded);
        Assert.Contains("No wake on LAN MAC address defined for 'pve3'", started.Completed.Summary);
    }

    [Fact]
    public async Task RunTask_WithoutATaskRunner_FailsWithAnExplanationInsteadOfThrowing()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var started = await SimLab.Start(() => runner.StartAsync(new RunTaskAction("llm-inference", null, "hi", null, "brian", "ollama")));

        Assert.False(started.Completed!.Succeeded);
        Assert.Equal("Running llm-inference on brian/ollama failed: this runner has no task runner, so it cannot run AI tasks.", started.Completed.Summary);
    }

    [Fact]
    public async Task Recover_AfterTheStartRequestWasSent_FindsItsTask()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new StartGuestAction(DevSandbox);
        var sentAt = lab.Clock.GetUtcNow();
        var started = await SimLab.Start(() => runner.StartAsync(action));
        lab.Advance(TimeSpan.FromSeconds(1));

        var recovery = await SimLab.Start(() => runner.RecoverAsync(action, sentAt));

        Assert.Equal(started.Upid!.ToString(), recovery.FoundTask?.ToString());
        Assert.False(recovery.NotStarted);
        Assert.Contains("/cluster/tasks lists qmstart of 110 on brian", recovery.Explanation);
    }

    [Fact]
    public async Task Recover_EffectPresentButNoTaskInTheWindow_SaysTheEffectIsAlreadyThere()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new StartGuestAction(DevSandbox);
        var started = await SimLab.Start(() => runner.StartAsync(action));
        await lab.Run(() => runner.WaitAsync(action, started));
        lab.Advance(TimeSpan.FromMinutes(10));

        var recovery = await SimLab.Start(() => runner.RecoverAsync(action, lab.Clock.GetUtcNow()));

        Assert.Null(recovery.FoundTask);
        Assert.True(recovery.EffectAlreadyPresent);
        Assert.Contains("No qmstart/hastart task for 110 started since", recovery.Explanation);
        Assert.Contains("VM 110 (dev-sandbox) is running", recovery.Explanation);
    }

    [Fact]
    public async Task Recover_SnapshotTakenButTaskOutsideTheWindow_FindsTheSnapshotListed()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);
        var action = new CreateSnapshotAction(DevSandbox, "nightly");
        await Apply(lab, runner, action);
        lab.Advance(TimeSpan.FromMinutes(10));

        var recovery = await SimLab.Start(() => runner.RecoverAsync(action, lab.Clock.GetUtcNow()));

        Assert.True(recovery.EffectAlreadyPresent);
        Assert.Contains("snapshot 'nightly' is listed for VM 110 (dev-sandbox)", recovery.Explanation);
    }

    [Fact]
    public async Task Recover_NothingWasSent_SaysNotStartedWithTheEvidence()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var recovery = await SimLab.Start(() => runner.RecoverAsync(new StartGuestAction(DevSandbox), lab.Clock.GetUtcNow()));

        Assert.True(recovery.NotStarted);
        Assert.Equal(
            "No qmstart/hastart task for 110 started since 2025-12-31 23:59:55 UTC in /cluster/tasks, and VM 110 (dev-sandbox) is stopped: the request did not take effect and may be sent again.",
            recovery.Explanation);
    }

    [Fact]
    public async Task Wait_WithoutATaskId_ExplainsWhatToPass()
    {
        using var lab = new SimLab();
        var runner = new ClusterActionRunner(lab.Proxmox, lab.Clock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.WaitAsync(new StopGuestAction(DevSandbox), new ActionStarted { StartedAt = lab.Clock.GetUtcNow() }));

        Assert.Contains("has no task id", error.Message);
    }

    private static async Task<ActionOutcome> Apply(SimLab lab, ClusterActionRunner runner, ClusterAction action)
    {
        var started = await SimLab.Start(() => runner.StartAsync(action));
        return await lab.Run(() => runner.WaitAsync(action, started));
    }
}
