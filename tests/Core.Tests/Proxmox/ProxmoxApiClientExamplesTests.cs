using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>Every real response in ../shared/proxmox-api/examples goes through the real client path (HTTP, envelope, converters).</summary>
public sealed class ProxmoxApiClientExamplesTests
{
    private static readonly string[] Covered =
    [
        "access_permissions.root.pve8.go-proxmox.json",
        "cluster_resources.pve8.0.go-proxmox.json",
        "cluster_status.pve8.go-proxmox.json",
        "error_400_nextid_vmid_exists.go-proxmox.json",
        "error_400_parameter_verification.whmcs-issue92.json",
        "lxc_list.vmid-as-string.go-proxmox.json",
        "node_status.pve7.4-16.go-proxmox.json",
        "nodes.pve8.go-proxmox.json",
        "qemu_status_current.running.pve8.0.go-proxmox.json",
        "task_status.running.proxmoxer.json",
        "task_status.stopped_error.proxmoxer.json",
        "task_status.stopped_ok.proxmoxer.json",
        "task_status.stopped_warnings.telmate-pr247.json",
        "version.pve9.0.4.bpg.json",
        "unattributed/node_status.pve8.4.14.pvesh.json",
        "unattributed/nodes.pve8.4.14.pvesh.json",
    ];

    private static readonly Upid SomeTask = Upid.Parse("UPID:dahu-2:00007323:001036A5:6419CAF8:qmstart:100:root@pam:");

    [Fact]
    public void EveryExampleFile_HasATestHere()
    {
        var root = SharedFiles.Shared("proxmox-api", "examples");
        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Covered.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public async Task GetVersion_Pve904_ReadsVersionReleaseAndRepoId()
    {
        var (client, _) = TestClients.OnExample("version.pve9.0.4.bpg.json");

        var version = await client.GetVersionAsync();

        Assert.Equal("9.0.4", version.Version);
        Assert.Equal("9.0", version.Release);
        Assert.Equal("39d8a4de7dfb2c40", version.RepoId);
        Assert.Null(version.Console);
    }

    [Fact]
    public async Task GetClusterStatus_FourNodeCluster_ReadsQuorumAndTheLocalNode()
    {
        var (client, _) = TestClients.OnExample("cluster_status.pve8.go-proxmox.json");

        var entries = await client.GetClusterStatusAsync();

        var cluster = Assert.Single(entries, e => e.Type == "cluster");
        Assert.True(cluster.Quorate);
        Assert.Equal(4, cluster.Nodes);
        Assert.Equal("clustername", cluster.Name);
        var nodes = entries.Where(e => e.Type == "node").ToList();
        Assert.Equal(4, nodes.Count);
        Assert.All(nodes, n => Assert.True(n.Online));
        var local = Assert.Single(nodes, n => n.Local == true);
        Assert.Equal("node1", local.Name);
        Assert.Equal("192.168.1.1", local.Ip);
        Assert.Equal(1, local.NodeId);
    }

    [Fact]
    public async Task GetClusterResources_Pve80_CountsGuestsNodesAndStoragesAndReadsGuestState()
    {
        var (client, _) = TestClients.OnExample("cluster_resources.pve8.0.go-proxmox.json");

        var resources = await client.GetClusterResourcesAsync();

        Assert.Equal(4, resources.Count(r => r.Type == "qemu"));
        Assert.Equal(4, resources.Count(r => r.Type == "node"));
        Assert.Equal(12, resources.Count(r => r.Type == "storage"));
        var server = Assert.Single(resources, r => r.VmId == 100);
        Assert.Equal("running", server.Status);
        Assert.Equal("node2", server.Node);
        Assert.Equal("qemu/100", server.Id);
        Assert.Equal(GuestType.Qemu, server.GuestType);
        Assert.Equal(1073741824, server.MaxMemory);
        Assert.False(server.Template);
        var template = Assert.Single(resources, r => r.VmId == 101);
        Assert.True(template.Template);
        Assert.Equal("stopped", template.Status);
        Assert.Equal(["go-proxmox+cloud-init"], Assert.Single(resources, r => r.VmId == 102).TagList);
        var storage = Assert.Single(resources, r => r.Id == "storage/node3/local-zfs");
        Assert.False(storage.Shared);
        Assert.Equal("zfspool", storage.PluginType);
        Assert.Null(storage.GuestType);
    }

    [Fact]
    public async Task GetClusterResources_WithTypeFilter_SendsPvesFilterValue()
    {
        var (client, handler) = TestClients.OnExample("cluster_resources.pve8.0.go-proxmox.json");

        await client.GetClusterResourcesAsync(ClusterResourceType.Vm);

        Assert.Equal("type=vm", Assert.Single(handler.Requests).Query);
    }

    [Fact]
    public async Task GetPermissions_Root_MapsPathsToPrivilegesWithIntegerBooleans()
    {
        var (client, _) = TestClients.OnExample("access_permissions.root.pve8.go-proxmox.json");

        var permissions = await client.GetPermissionsAsync();

        Assert.Equal(8, permissions.Paths.Count);
        Assert.True(permissions.Has("/", "Sys.Audit"));
        Assert.True(permissions.Has("/vms", "VM.PowerMgmt"));
        Assert.True(permissions.Paths["/vms"]["VM.Migrate"]);
        Assert.False(permissions.Has("/vms", "Mapping.Use"));
        Assert.False(permissions.Has("/mapping/pci/gpu0", "Mapping.Use"));
    }

    [Fact]
    public async Task GetNodes_Pve8_ReadsFingerprintsAndSizes()
    {
        var (client, _) = TestClients.OnExample("nodes.pve8.go-proxmox.json");

        var nodes = await client.GetNodesAsync();

        Assert.Equal(["node1", "node2", "node3", "node4"], nodes.Select(n => n.Node).Order());
        var node1 = Assert.Single(nodes, n => n.Node == "node1");
        Assert.True(node1.IsOnline);
        Assert.Equal(12, node1.MaxCpu);
        Assert.Equal(33568288768, node1.MaxMemory);
        Assert.Equal("80:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5", node1.SslFingerprint);
    }

    [Fact]
    public async Task GetNodes_PveshOutput848_ReadsTheSingleNode()
    {
        var (client, _) = TestClients.OnExample("unattributed/nodes.pve8.4.14.pvesh.json", wrapInEnvelope: true);

        var node = Assert.Single(await client.GetNodesAsync());

        Assert.Equal("proxmox", node.Node);
        Assert.Equal("p", node.Level);
        Assert.Equal(22924, node.Uptime);
        Assert.Equal(8, node.MaxCpu);
    }

    [Fact]
    public async Task GetNodeStatus_Pve74_ParsesStringNumbersAndStringBooleans()
    {
        var (client, handler) = TestClients.OnExample("node_status.pve7.4-16.go-proxmox.json");

        var status = await client.GetNodeStatusAsync("node1");

        Assert.Equal([0.0, 0.0, 0.0], status.LoadAverage);
        Assert.Equal(3400.0, status.CpuInfo!.Mhz);
        Assert.True(status.CpuInfo.Hvm);
        Assert.Equal(8, status.CpuInfo.Cpus);
        Assert.Equal(4, status.CpuInfo.Cores);
        Assert.Equal("Intel(R) Core(TM) i7-6700 CPU @ 3.40GHz", status.CpuInfo.Model);
        Assert.Equal(65919459328, status.Memory!.Total);
        Assert.Null(status.Memory.Available);
        Assert.Equal(0, status.Swap!.Total);
        Assert.Equal(937851224064, status.RootFs!.Available);
        Assert.Null(status.BootInfo);
        Assert.Equal("pve-manager/7.4-16/0f39f621", status.PveVersion);
        Assert.Equal("/nodes/node1/status", Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public async Task GetNodeStatus_PveshOutput848_ReadsLoadBootModeAndKernel()
    {
        var (client, _) = TestClients.OnExample("unattributed/node_status.pve8.4.14.pvesh.json", wrapInEnvelope: true);

        var status = await client.GetNodeStatusAsync("proxmox");

        Assert.Equal([0.16, 0.10, 0.02], status.LoadAverage);
        Assert.Equal("legacy-bios", status.BootInfo!.Mode);
        Assert.Null(status.BootInfo.SecureBoot);
        Assert.Equal("6.8.12-15-pve", status.CurrentKernel!.Release);
        Assert.Equal(800.0, status.CpuInfo!.Mhz);
        Assert.Equal(23433, status.Uptime);
    }

    [Fact]
    public async Task ListGuests_OldContainerListWithStringVmids_ParsesIdsAndSetsKindAndNode()
    {
        var (client, handler) = TestClients.OnExample("lxc_list.vmid-as-string.go-proxmox.json");

        var guests = await client.ListGuestsAsync("node1", GuestType.Lxc);

        Assert.Equal([101, 105, 106], guests.Select(g => g.VmId).Order());
        Assert.All(guests, g => Assert.Equal(GuestType.Lxc, g.Kind));
        Assert.All(guests, g => Assert.Equal("node1", g.Node));
        var test = Assert.Single(guests, g => g.VmId == 106);
        Assert.True(test.IsRunning);
        Assert.Equal("test", test.Name);
        Assert.Equal(536870912, test.MaxSwap);
        Assert.True(Assert.Single(guests, g => g.VmId == 101).Template);
        Assert.Null(test.Template);
        Assert.Equal("/nodes/node1/lxc", Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public async Task GetGuestStatus_RunningVm_ReadsQmpStateAgentAndHa()
    {
        var (client, handler) = TestClients.OnExample("qemu_status_current.running.pve8.0.go-proxmox.json");

        var status = await client.GetGuestStatusAsync("node1", GuestType.Qemu, 101);

        Assert.Equal(101, status.VmId);
        Assert.Equal(GuestType.Qemu, status.Kind);
        Assert.True(status.IsRunning);
        Assert.Equal("running", status.QmpStatus);
        Assert.Equal("matt", status.Name);
        Assert.True(status.Agent);
        Assert.False(status.Ha!.Managed);
        Assert.Equal(8, status.Cpus);
        Assert.Equal(1563102, status.Pid);
        Assert.Equal("8.0.2", status.RunningQemu);
        Assert.Equal("pc-i440fx-8.0+pve0", status.RunningMachine);
        Assert.Equal("/nodes/node1/qemu/101/status/current", Assert.Single(handler.Requests).ApiPath);
    }

    [Theory]
    [InlineData("task_status.running.proxmoxer.json", "running", null, false)]
    [InlineData("task_status.stopped_ok.proxmoxer.json", "stopped", "OK", true)]
    [InlineData("task_status.stopped_warnings.telmate-pr247.json", "stopped", "WARNINGS: 1", true)]
    [InlineData("task_status.stopped_error.proxmoxer.json", "stopped", "interrupted by signal", false)]
    public async Task GetTaskStatus_RealStatuses_ClassifyWarningsAsSuccessAndErrorsAsFailure(string file, string status, string? exitStatus, bool succeeded)
    {
        var (client, _) = TestClients.OnExample(file);

        var task = await client.GetTaskStatusAsync(SomeTask);

        Assert.Equal(status, task.Status);
        Assert.Equal(exitStatus, task.ExitStatus);
        Assert.Equal(succeeded, task.Succeeded);
        Assert.Equal(status == "running", task.IsRunning);
        Assert.NotNull(task.Pid);
        Assert.NotNull(task.StartTime);
    }

    [Theory]
    [InlineData("task_status.stopped_ok.proxmoxer.json", true, "OK")]
    [InlineData("task_status.stopped_warnings.telmate-pr247.json", true, "WARNINGS: 1")]
    [InlineData("task_status.stopped_error.proxmoxer.json", false, "interrupted by signal")]
    public async Task WaitForTask_StoppedStatuses_GiveTheOutcome(string file, bool succeeded, string exitStatus)
    {
        var statusBody = SharedFiles.ReadShared("proxmox-api", "examples", file);
        var handler = new StubHttpHandler((request, _) => Task.FromResult(request.ApiPath.EndsWith("/status", StringComparison.Ordinal)
            ? StubHttpHandler.Response(200, statusBody)
            : StubHttpHandler.Response(200, """{"data":[{"n":1,"t":"TASK ERROR: interrupted by signal"}],"total":1}""")));
        using var client = TestClients.OnStub(handler);

        var outcome = await client.WaitForTaskAsync(SomeTask);

        Assert.Equal(succeeded, outcome.Succeeded);
        Assert.Equal(exitStatus, outcome.ExitStatus);
        Assert.Equal(succeeded ? [] : ["TASK ERROR: interrupted by signal"], outcome.LogTail);
    }

    [Fact]
    public async Task GetNextId_VmidTaken_FailsListingTheParameterError()
    {
        var (client, _) = TestClients.OnExample("error_400_nextid_vmid_exists.go-proxmox.json", status: 400, reasonPhrase: "Parameter verification failed.");

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetNextIdAsync(200));

        Assert.Equal(PveErrorKind.InvalidParameters, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("VM 200 already exists", error.ParameterErrors["vmid"]);
        Assert.Equal("Parameter verification failed.", error.PveMessage);
        Assert.Contains("vmid: VM 200 already exists", error.Message);
        Assert.Contains("GET /cluster/nextid", error.Message);
    }

    [Fact]
    public async Task CreateContainer_RejectedParameters_ListsEveryParameterOnOneLine()
    {
        var (client, _) = TestClients.OnExample("error_400_parameter_verification.whmcs-issue92.json", status: 400, reasonPhrase: "Parameter verification failed.");

        var error = await Assert.ThrowsAsync<PveApiException>(() =>
            client.CreateContainerAsync("pve1", new CreateContainerOptions { VmId = 150, OsTemplate = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst" }));

        Assert.Equal(PveErrorKind.InvalidParameters, error.Kind);
        Assert.Equal(["ipconfig0", "vmid"], error.ParameterErrors.Keys.Order());
        Assert.Equal("invalid format - format error ipconfig0.gw: invalid format - value does not look like a valid IPv4 address", error.ParameterErrors["ipconfig0"]);
        Assert.Contains("vmid: invalid format - value does not look like a valid VM ID", error.Message);
        Assert.Contains("ipconfig0: invalid format", error.Message);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }
}
