using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Plugins.Planning;

namespace PveAgent.Plugins.Tests.Planning;

public sealed class ProjectedSnapshotTests
{
    private const long GiB = Some.GiB;

    private static GuestRef Ref(ClusterSnapshot snapshot, int vmId) => GuestRef.From(snapshot.FindGuest(vmId)!);

    [Fact]
    public void Apply_NoActions_ReturnsTheSameSnapshot()
    {
        var snapshot = Some.Cluster();

        Assert.Same(snapshot, ProjectedSnapshot.Apply(snapshot, []));
    }

    [Fact]
    public void Apply_StartStoppedGuest_RunsAndCountsItsConfiguredMemoryOnTheNode()
    {
        var snapshot = Some.Cluster();

        var projected = ProjectedSnapshot.Apply(snapshot, new StartGuestAction(Ref(snapshot, 110)));

        Assert.Equal("running", projected.FindGuest(110)!.Status);
        Assert.Equal((16 + 8) * GiB, projected.FindNode("brian")!.Memory);
        Assert.Equal("stopped", snapshot.FindGuest(110)!.Status);
    }

    [Fact]
    public void Apply_ShutdownServiceGuest_StopsItFreesWhatItUsedAndTakesItsServiceDown()
    {
        var snapshot = Some.Cluster();

        var projected = ProjectedSnapshot.Apply(snapshot, new ShutdownGuestAction(Ref(snapshot, 202)));

        Assert.Equal("stopped", projected.FindGuest(202)!.Status);
        Assert.Equal((16 * GiB) - (8 * GiB), projected.FindNode("brian")!.Memory);
        var ollama = Assert.Single(projected.Services);
        Assert.False(ollama.Reachable);
        Assert.Empty(ollama.Loaded);
    }

    [Fact]
    public void Apply_ShutdownThenStart_EndsRunningAgain()
    {
        var snapshot = Some.Cluster();
        var ollama = Ref(snapshot, 202);

        var projected = ProjectedSnapshot.Apply(snapshot, [new ShutdownGuestAction(ollama), new StartGuestAction(ollama)]);

        Assert.True(projected.FindGuest(202)!.IsRunning);
        Assert.True(Assert.Single(projected.Services).Reachable);
    }

    [Fact]
    public void Apply_MigrateRunningGuest_MovesItAndItsMemoryConservatively()
    {
        var snapshot = Some.Cluster();

        var projected = ProjectedSnapshot.Apply(snapshot, new MigrateGuestAction(Ref(snapshot, 201), "pve3", Online: true));

        Assert.Equal("pve3", projected.FindGuest(201)!.Node);
        Assert.Equal((16 - 16) * GiB, projected.FindNode("brian")!.Memory);
        Assert.Equal((8 + 32) * GiB, projected.FindNode("pve3")!.Memory);
    }

    [Fact]
    public void Apply_WakeNode_BringsItAndItsServicesOnline()
    {
        var snapshot = Some.Cluster() with { Services = [Some.Service("edge-tt", "whisper", null) with { Reachable = false, Error = "node edge-tt is not online" }] };

        var projected = ProjectedSnapshot.Apply(snapshot, new WakeNodeAction("edge-tt", "brian"));

        Assert.Equal(NodeStatus.Online, projected.FindNode("edge-tt")!.Status);
        Assert.True(Assert.Single(projected.Services).Reachable);
    }

    [Fact]
    public void Apply_CloneAndCreate_AddGuests_DeleteRemovesOne()
    {
        var snapshot = Some.Cluster();
        var template = Ref(snapshot, 9000);

        var projected = ProjectedSnapshot.Apply(snapshot,
        [
            new CloneGuestAction(template, 120, "runner", "pve3", Full: true),
            new CreateContainerAction("pve3", 121, "local:vztmpl/debian.tar.zst", "mqtt", 1024, 1, "local-lvm", Start: true),
            new DeleteGuestAction(Ref(snapshot, 110)),
        ]);

        Assert.Equal(("pve3", "stopped", 4 * GiB), (projected.FindGuest(120)!.Node, projected.FindGuest(120)!.Status, projected.FindGuest(120)!.MaxMemory));
        Assert.True(projected.FindGuest(121)!.IsRunning);
        Assert.Equal((8 * GiB) + (1024L * 1024 * 1024), projected.FindNode("pve3")!.Memory);
        Assert.Null(projected.FindGuest(110));
    }

    [Fact]
    public void Apply_SnapshotAndGpuActions_ChangeNothingTheSnapshotShows()
    {
        var snapshot = Some.Cluster();
        var vm = Ref(snapshot, 201);

        var projected = ProjectedSnapshot.Apply(snapshot, [new CreateSnapshotAction(vm, "pre"), new ReleaseGpuAction(vm, "hostpci0", null), new RebootGuestAction(vm)]);

        Assert.Same(snapshot, projected);
    }
}
