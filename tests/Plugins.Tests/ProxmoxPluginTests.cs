using PveAgent.Plugins.Planning;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins.Tests;

/// <summary>The read tools of <see cref="ProxmoxPlugin"/> against the simulated sample lab (cluster.yaml).</summary>
public sealed class ProxmoxPluginTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private readonly SimulatedLab _lab = fixture.Lab;

    [Fact]
    public async Task ClusterStatus_SampleLab_ListsTheThreeNodesWithAcceleratorsAndGuestCounts()
    {
        var status = await _lab.NewSession().ReadAsync<ClusterStatus>("cluster_status");

        Assert.Equal("homelab", status.Cluster);
        Assert.Equal(["brian", "pve3", "edge-tt"], status.Nodes.Select(n => n.Name));
        Assert.All(status.Nodes, n => Assert.Equal("online", n.Status));
        Assert.Equal("3x RTX 3090", status.Nodes[0].Accelerators);
        Assert.Equal("wormhole-n150", status.Nodes[2].Accelerators);
        Assert.Null(status.Nodes[1].Accelerators);
        Assert.All(status.Nodes, n => Assert.Equal(n.MemTotalGib, n.MemUsedGib + n.MemFreeGib, 0.11));

        // cluster.yaml's service guests (201, 202, 301, 401, 402) plus homeassistant, jellyfin, samba, dev-sandbox and
        // pihole; the two templates do not count. All run but dev-sandbox.
        Assert.Equal(10, status.GuestsTotal);
        Assert.Equal(9, status.GuestsRunning);
        Assert.Equal(3, status.Nodes[0].Running);
        Assert.True(status.Simulated);
    }

    [Fact]
    public async Task ClusterStatus_Json_IsCompactSnakeCaseWithoutNulls()
    {
        var result = await _lab.NewSession().CallAsync("cluster_status");

        var json = result.Json.GetRawText();
        Assert.Contains("\"guests_running\":9", json, StringComparison.Ordinal);
        Assert.Contains("\"mem_free_gib\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListGuests_ByNodeAndStatus_FiltersBoth()
    {
        var session = _lab.NewSession();

        var onBrian = await session.ReadAsync<GuestList>("list_guests", ("node", "brian"));
        var runningOnBrian = await session.ReadAsync<GuestList>("list_guests", ("node", "Brian"), ("status", "running"));

        Assert.Equal([105, 110, 201, 202, 9000, 9001], onBrian.Guests.Select(g => g.Vmid));
        Assert.Equal([true, true], onBrian.Guests.Where(g => g.Vmid >= 9000).Select(g => g.Template));
        Assert.Equal([105, 201, 202], runningOnBrian.Guests.Select(g => g.Vmid));
        Assert.Equal(["vm", "vm", "ct"], runningOnBrian.Guests.Select(g => g.Type));
        Assert.Null(onBrian.Truncated);
    }

    [Fact]
    public async Task ListGuests_UnknownStatus_IsAnErrorNamingTheChoices()
    {
        var error = await _lab.NewSession().RefusedAsync("list_guests", ("status", "sleeping"));

        Assert.Equal("Unknown status 'sleeping': use running or stopped.", error.Error);
    }

    [Fact]
    public async Task GetGuest_GpuVm_ShowsItsPassthroughAsLocalDevicesAndNotMigratable()
    {
        var guest = await _lab.NewSession().ReadAsync<GuestDetails>("get_guest", ("guest", "vllm-brian"));

        Assert.Equal(201, guest.Vmid);
        Assert.Equal(["hostpci0=0000:01:00", "hostpci1=0000:02:00", "hostpci2=0000:03:00"], guest.Gpus);
        Assert.Equal(guest.Gpus, guest.LocalDevices);
        Assert.False(guest.Migratable);
        Assert.Equal(["vllm (vllm) on brian"], guest.Services);
        Assert.Equal(64, guest.MemMaxGib);
    }

    [Theory]
    [InlineData("homeassistant", "usb0=host=10c4:ea60")]
    [InlineData("samba", "mp0=/mnt/nas/share")]
    public async Task GetGuest_UsbPassthroughOrBindMount_TiesTheGuestToItsNode(string name, string device)
    {
        var guest = await _lab.NewSession().ReadAsync<GuestDetails>("get_guest", ("guest", name));

        Assert.Equal([device], guest.LocalDevices);
        Assert.False(guest.Migratable);
    }

    [Fact]
    public async Task GetGuest_PlainContainer_IsMigratableWithNoDeviceLists()
    {
        var guest = await _lab.NewSession().ReadAsync<GuestDetails>("get_guest", ("guest", "pihole"));

        Assert.True(guest.Migratable);
        Assert.Null(guest.Gpus);
        Assert.Null(guest.LocalDevices);
        Assert.Equal(["infra", "prod"], guest.Tags);
    }

    [Fact]
    public async Task GetGuest_UnknownName_ReturnsDidYouMeanWithoutCallingTheApiForAConfig()
    {
        var error = await _lab.NewSession().RefusedAsync("get_guest", ("guest", "homeasistant"));

        Assert.Equal("homeassistant (VM 100 on pve3)", Assert.Single(error.DidYouMean!));
    }

    [Fact]
    public async Task PciDevices_Brian_ListsTheThreeGpusHeldByVm201AndTheMapping()
    {
        var list = await _lab.NewSession().ReadAsync<PciDeviceList>("pci_devices", ("node", "brian"));

        Assert.Equal(["0000:01:00.0", "0000:02:00.0", "0000:03:00.0"], list.Devices.Select(d => d.Id));
        Assert.Equal(["VM 201 (vllm-brian) hostpci0", "VM 201 (vllm-brian) hostpci1", "VM 201 (vllm-brian) hostpci2"], list.Devices.Select(d => d.UsedBy));
        var mapping = Assert.Single(list.Mappings);
        Assert.Equal("rtx-3090", mapping.Id);
        Assert.Equal(["0000:01:00.0", "0000:02:00.0", "0000:03:00.0"], mapping.Paths);
        Assert.Null(mapping.UsedBy);
    }

    [Fact]
    public async Task RecentTasks_OfOneGuest_OnlyListsTasksNamingIt()
    {
        var session = _lab.NewSession();

        var all = await session.ReadAsync<TaskList>("recent_tasks");
        var failed = await session.ReadAsync<TaskList>("recent_tasks", ("failed", true));

        Assert.Contains(all.Tasks, t => t.Type == "startall");
        Assert.Equal(all.Tasks.OrderByDescending(t => t.Started).Select(t => t.Upid), all.Tasks.Select(t => t.Upid));
        Assert.Empty(failed.Tasks);
        var guestTask = all.Tasks.First(t => t.Target is not null);
        var ofGuest = await session.ReadAsync<TaskList>("recent_tasks", ("guest", guestTask.Target));
        Assert.All(ofGuest.Tasks, t => Assert.Equal(guestTask.Target, t.Target));
    }

    [Fact]
    public async Task TaskLog_OfAStartAll_ShowsItsLines()
    {
        var session = _lab.NewSession();
        var startAll = (await session.ReadAsync<TaskList>("recent_tasks")).Tasks.First(t => t.Type == "startall" && t.Node == "brian");

        var log = await session.ReadAsync<TaskLog>("task_log", ("upid", startAll.Upid));

        Assert.Equal(startAll.Upid, log.Upid);
        Assert.Equal(["Starting VM 201", "Starting CT 202", "Starting VM 105", "TASK OK"], log.Lines);
    }

    [Fact]
    public async Task TaskLog_NotAUpid_SaysWhereToFindOne()
    {
        var error = await _lab.NewSession().RefusedAsync("task_log", ("upid", "105"));

        Assert.Contains("recent_tasks", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListGuests_MoreThanTheCap_ListsFiftyAndSaysTruncated()
    {
        var snapshot = Some.Cluster([.. Enumerable.Range(1000, 60).Select(id => Some.Guest(id, $"worker-{id}"))]);
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(new FixedSnapshotSource(snapshot), _lab.Api, _lab.Config, _lab.Clock));

        var list = await session.ReadAsync<GuestList>("list_guests");

        Assert.Equal((50, 60, true), (list.Guests.Count, list.Total, list.Truncated));
        Assert.Equal(1049, list.Guests[^1].Vmid);
    }
}
