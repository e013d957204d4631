using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>
/// Reads without a captured example in ../shared: the bodies below follow the field names and shapes documented in
/// NOTES.md (§5, §9, §10, §14) and the schema, and check the client maps each of them.
/// </summary>
public sealed class ProxmoxApiClientReadTests
{
    private static (ProxmoxApiClient Client, StubHttpHandler Handler) Answering(string body)
    {
        var handler = new StubHttpHandler(200, body);
        return (TestClients.OnStub(handler), handler);
    }

    [Fact]
    public async Task GetMigratePrecondition_Vm_ReadsPerNodeReasonsLocalDevicesAndMappings()
    {
        // Keys as qemu-server's migrate_vm_precondition builds them.
        var (client, _) = Answering("""
            {"data":{"running":1,"allowed_nodes":["pve3"],
             "not_allowed_nodes":{"edge-tt":{"unavailable_storages":["local-zfs"],"unavailable-resources":["hostpci1"],"blocking-ha-resources":[{"sid":"vm:102","cause":"resource-affinity"}]}},
             "local_disks":[{"volid":"local-zfs:vm-201-disk-0","size":107374182400,"cdrom":0,"is_unused":0}],
             "local_resources":["hostpci0"],"mapped-resources":["hostpci1"],
             "mapped-resource-info":{"hostpci1":{"name":"rtx3090","live-migration":1}},"has-dbus-vmstate":1}}
            """);

        var precondition = await client.GetMigratePreconditionAsync("brian", GuestType.Qemu, 201, "edge-tt");

        Assert.True(precondition.Running);
        Assert.True(precondition.Allows("pve3"));
        Assert.False(precondition.Allows("edge-tt"));
        var blockers = precondition.NotAllowedNodes["edge-tt"];
        Assert.Equal(["local-zfs"], blockers.UnavailableStorages);
        Assert.Equal(["hostpci1"], blockers.UnavailableResources);
        Assert.Equal("vm:102", Assert.Single(blockers.BlockingHaResources).Sid);
        Assert.Equal(["hostpci0"], precondition.LocalResources);
        Assert.Equal(107374182400, Assert.Single(precondition.LocalDisks).Size);
        Assert.False(precondition.LocalDisks[0].Cdrom);
        Assert.True(precondition.MappedResourceInfo["hostpci1"].LiveMigration);
        Assert.Equal("rtx3090", precondition.MappedResourceInfo["hostpci1"].Name);
        Assert.True(precondition.HasDbusVmState);
    }

    [Fact]
    public async Task GetMigratePrecondition_Container_ReadsTheDashedKeys()
    {
        // pve-container spells them allowed-nodes / not-allowed-nodes.
        var (client, handler) = Answering("""{"data":{"running":0,"allowed-nodes":["pve1"],"not-allowed-nodes":{"pve3":{"blocking-ha-resources":[{"sid":"ct:300","cause":"resource-affinity"}]}}}}""");

        var precondition = await client.GetMigratePreconditionAsync("brian", GuestType.Lxc, 200);

        Assert.False(precondition.Running);
        Assert.Equal(["pve1"], precondition.AllowedNodes);
        Assert.Equal("ct:300", Assert.Single(precondition.NotAllowedNodes["pve3"].BlockingHaResources).Sid);
        Assert.Empty(precondition.LocalResources);
        Assert.Equal("/nodes/brian/lxc/200/migrate", Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public async Task AbsentOrNullLists_AreEmptyNotNull()
    {
        var (client, _) = Answering("""{"data":{"running":0,"local_disks":null}}""");
        var (node, _) = Answering("""{"data":{"cpu":0.1}}""");

        var precondition = await client.GetMigratePreconditionAsync("pve1", GuestType.Qemu, 101);
        var status = await node.GetNodeStatusAsync("pve1");

        Assert.Empty(precondition.AllowedNodes);
        Assert.Empty(precondition.NotAllowedNodes);
        Assert.Empty(precondition.LocalDisks);
        Assert.Empty(precondition.MappedResourceInfo);
        Assert.Empty(status.LoadAverage);
    }

    [Fact]
    public async Task GetPciDevices_ReadsRawSysfsIdsAndUndeclaredNvidiaFlag()
    {
        var (client, handler) = Answering("""
            {"data":[{"id":"0000:01:00.0","class":"0x030000","vendor":"0x10de","device":"0x2204","iommugroup":14,"mdev":1,"nvidia":1,
                      "vendor_name":"NVIDIA Corporation","device_name":"GA102 [GeForce RTX 3090]","subsystem_vendor":"0x1458","subsystem_device":"0x403b"},
                     {"id":"0000:00:1f.3","class":"0x040300","vendor":"0x8086","device":"0xa348","iommugroup":-1}]}
            """);

        var devices = await client.GetPciDevicesAsync("brian");

        var gpu = devices[0];
        Assert.Equal("0x10de", gpu.Vendor);
        Assert.Equal(14, gpu.IommuGroup);
        Assert.True(gpu.Mdev);
        Assert.True(gpu.Nvidia);
        Assert.Equal("GA102 [GeForce RTX 3090]", gpu.DeviceName);
        Assert.Equal(-1, devices[1].IommuGroup);
        Assert.Null(devices[1].Nvidia);
        Assert.Equal("/nodes/brian/hardware/pci", Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public async Task GetPciMappings_ReadsEntriesAndLiveMigrationFlag()
    {
        var (client, handler) = Answering("""
            {"data":[{"id":"rtx3090","description":"3090s","map":["node=brian,path=0000:01:00.0,id=10de:2204,iommugroup=14"],"live-migration-capable":1,
                      "checks":[{"severity":"warning","message":"No mapping for node pve3."}]}]}
            """);

        var mapping = Assert.Single(await client.GetPciMappingsAsync(checkNode: "pve3"));

        Assert.True(mapping.LiveMigrationCapable);
        Assert.Equal("brian", Assert.Single(mapping.Entries).Node);
        Assert.Equal("warning", Assert.Single(mapping.Checks).Severity);
        Assert.Equal("check-node=pve3", Assert.Single(handler.Requests).Query);
    }

    [Fact]
    public async Task GetNodeRrdData_NumbersAndNumericStrings_AreRead_SamplesWithoutTimeDropped()
    {
        var (client, handler) = Answering("""
            {"data":[{"time":1767225600,"cpu":0.12,"maxcpu":16,"loadavg":"1.5","memused":8589934592,"memtotal":68719476736,"netin":1200.5},
                     {"time":1767225660},
                     {"cpu":0.5}]}
            """);

        var points = await client.GetNodeRrdDataAsync("brian", RrdTimeframe.Hour);

        Assert.Equal(2, points.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), points[0].Time);
        Assert.Equal(0.12, points[0].Cpu);
        Assert.Equal(1.5, points[0].LoadAverage);
        Assert.Equal(8589934592, points[0].MemoryUsed);
        Assert.Equal(16, points[0].Get("maxcpu"));
        Assert.Null(points[1].Cpu);
        Assert.Equal("timeframe=hour&cf=AVERAGE", Assert.Single(handler.Requests).Query);
    }

    [Fact]
    public async Task GetClusterTasks_FinishedAndRunningTasks_AreTold()
    {
        var (client, _) = Answering("""
            {"data":[{"upid":"UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:","node":"pve1","type":"qmigrate","id":"132","user":"root@pam","tokenid":"build","starttime":1701734908,"endtime":1701734950,"status":"WARNINGS: 2"},
                     {"upid":"UPID:pve1:0017139A:02C8BD1F:656E69FD:qmstart:133:root@pam:","node":"pve1","type":"qmstart","id":"133","user":"root@pam","starttime":1701734909}]}
            """);

        var tasks = await client.GetClusterTasksAsync();

        Assert.True(tasks[0].Succeeded);
        Assert.False(tasks[0].IsRunning);
        Assert.Equal("build", tasks[0].TokenId);
        Assert.True(tasks[1].IsRunning);
        Assert.False(tasks[1].Succeeded);
    }

    [Fact]
    public async Task GetHaResources_ReadsSidAndDerivesTheVmid()
    {
        var (client, _) = Answering("""{"data":[{"sid":"vm:201","type":"vm","state":"started","digest":"ab","max_restart":1},{"sid":"ct:300","type":"ct"}]}""");

        var resources = await client.GetHaResourcesAsync();

        Assert.Equal([201, 300], resources.Select(r => r.VmId));
        Assert.Equal("started", resources[0].State);
        Assert.Equal(1, resources[0].MaxRestart);
    }

    [Fact]
    public async Task GetPools_ReadsMembersWhenPresent()
    {
        var (client, _) = Answering("""{"data":[{"poolid":"ai","comment":"inference","members":[{"id":"qemu/201","node":"brian","type":"qemu","vmid":201}]},{"poolid":"empty"}]}""");

        var pools = await client.GetPoolsAsync();

        Assert.Equal(201, Assert.Single(pools[0].Members).VmId);
        Assert.Empty(pools[1].Members);
    }

    [Fact]
    public async Task GetNodeStorage_ReadsSpaceAndContent()
    {
        var (client, _) = Answering("""{"data":[{"storage":"local-lvm","type":"lvmthin","content":"rootdir,images","active":1,"enabled":1,"shared":0,"total":500000000000,"used":100000000000,"avail":400000000000,"used_fraction":0.2}]}""");

        var storage = Assert.Single(await client.GetNodeStorageAsync("pve3"));

        Assert.Equal(["rootdir", "images"], storage.ContentTypes);
        Assert.True(storage.Active);
        Assert.False(storage.Shared);
        Assert.Equal(400000000000, storage.Available);
    }

    [Fact]
    public async Task ListSnapshots_IncludesCurrent_AndReadsVmState()
    {
        var (client, _) = Answering("""{"data":[{"name":"before-upgrade","description":"","snaptime":1767225600,"vmstate":1},{"name":"current","parent":"before-upgrade","description":"You are here!","running":1}]}""");

        var snapshots = await client.ListSnapshotsAsync("pve1", GuestType.Qemu, 101);

        Assert.True(snapshots[0].VmState);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), snapshots[0].CreatedAt);
        Assert.True(snapshots[1].IsCurrent);
        Assert.Equal("before-upgrade", snapshots[1].Parent);
    }

    [Fact]
    public async Task GetNextId_NumberOrString_AreBothAccepted()
    {
        var (asString, _) = Answering("""{"data":"104"}""");
        var (asNumber, _) = Answering("""{"data":104}""");

        Assert.Equal(104, await asString.GetNextIdAsync());
        Assert.Equal(104, await asNumber.GetNextIdAsync());
    }
}
