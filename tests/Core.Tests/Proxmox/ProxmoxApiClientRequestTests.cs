using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>What goes on the wire: paths, parameter encoding, the token header.</summary>
public sealed class ProxmoxApiClientRequestTests
{
    private const string TaskAnswer = """{"data":"UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:"}""";

    [Fact]
    public async Task EveryRequest_CarriesTheTokenHeaderInPvesEqualsForm()
    {
        var handler = new StubHttpHandler(200, """{"data":{"version":"9.0.4"}}""");
        using var client = TestClients.OnStub(handler);

        await client.GetVersionAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"PVEAPIToken={TestClients.TokenId}={TestClients.Secret}", request.Authorization);
        Assert.Equal("https://pve1.lan:8006/api2/json/version", request.Uri.ToString());
    }

    [Fact]
    public async Task GetTaskStatus_TokenUpid_AsksTheUpidsNodeWithTheUpidPercentEncoded()
    {
        var handler = new StubHttpHandler(200, """{"data":{"upid":"x","status":"running"}}""");
        using var client = TestClients.OnStub(handler);

        await client.GetTaskStatusAsync(Upid.Parse("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:"));

        Assert.Equal(
            "/nodes/pve1/tasks/UPID%3Apve1%3A00171399%3A02C8BD1E%3A656E69FC%3Aqmigrate%3A132%3Aroot%40pam%21build%3A/status",
            Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public async Task UpdateGuestConfig_PropertyStrings_AreFormEncodedSoPveCannotMisSplitThem()
    {
        var handler = new StubHttpHandler(200, """{"data":null}""");
        using var client = TestClients.OnStub(handler);

        await client.UpdateGuestConfigAsync(
            "brian", GuestType.Qemu, 201,
            new Dictionary<string, string> { ["hostpci0"] = "mapping=rtx3090,pcie=1", ["hostpci1"] = "host=01:00.0;02:00.0" },
            deleteKeys: ["hostpci2", "hostpci3"],
            digest: "ab12");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/nodes/brian/qemu/201/config", request.ApiPath);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            "hostpci0=mapping%3Drtx3090%2Cpcie%3D1&hostpci1=host%3D01%3A00.0%3B02%3A00.0&delete=hostpci2%2Chostpci3&digest=ab12",
            request.Body);
        Assert.Equal("", request.Query);
    }

    [Fact]
    public async Task UpdateGuestConfig_KeyBothChangedAndDeleted_IsRefusedBeforeSending()
    {
        var handler = new StubHttpHandler(200, """{"data":null}""");
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateGuestConfigAsync(
            "brian", GuestType.Qemu, 201, new Dictionary<string, string> { ["cores"] = "4" }, deleteKeys: ["cores"]));

        Assert.Equal(0, handler.CallCount);
    }

    [Fact]
    public async Task UpdateVmConfig_AnswerWithoutTask_ReturnsNull_AndWithTask_ReturnsTheUpid()
    {
        var answers = new Queue<string>([@"{""data"":null}", TaskAnswer]);
        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Response(200, answers.Dequeue())));
        using var client = TestClients.OnStub(handler);
        var changes = new Dictionary<string, string> { ["memory"] = "8192" };

        var immediate = await client.UpdateVmConfigAsync("brian", 201, changes);
        var queued = await client.UpdateVmConfigAsync("brian", 201, changes);

        Assert.Null(immediate);
        Assert.Equal("qmigrate", queued!.Type);
        Assert.All(handler.Requests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task MigrateVm_SendsBooleansAsZeroOrOneAndVmParameterNames()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        var upid = await client.MigrateGuestAsync("pve1", GuestType.Qemu, 132, new MigrateOptions { Target = "pve2", Online = true, WithLocalDisks = false });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/nodes/pve1/qemu/132/migrate", request.ApiPath);
        Assert.Equal("target=pve2&online=1&with-local-disks=0", request.Body);
        Assert.Equal("build", upid.TokenId);
    }

    [Fact]
    public async Task MigrateContainer_RestartMode_SendsRestartAndTimeoutInSeconds()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await client.MigrateGuestAsync("pve1", GuestType.Lxc, 200, new MigrateOptions { Target = "pve3", Restart = true, Timeout = TimeSpan.FromSeconds(90), TargetStorage = "local-lvm" });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/nodes/pve1/lxc/200/migrate", request.ApiPath);
        Assert.Equal("target=pve3&restart=1&timeout=90&target-storage=local-lvm", request.Body);
    }

    [Theory]
    [InlineData(GuestType.Qemu)]
    [InlineData(GuestType.Lxc)]
    public async Task Migrate_OptionsOfTheOtherGuestKind_AreRefusedBeforeSending(GuestType kind)
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);
        var options = kind == GuestType.Qemu
            ? new MigrateOptions { Target = "pve2", Restart = true }
            : new MigrateOptions { Target = "pve2", WithLocalDisks = true };

        await Assert.ThrowsAsync<ArgumentException>(() => client.MigrateGuestAsync("pve1", kind, 132, options));

        Assert.Equal(0, handler.CallCount);
    }

    [Fact]
    public async Task GetMigratePrecondition_Query_SendsTargetInTheQueryString()
    {
        var handler = new StubHttpHandler(200, """{"data":{"running":0,"allowed_nodes":["pve2"],"not_allowed_nodes":{},"local_disks":[],"local_resources":[],"mapped-resources":[],"mapped-resource-info":{},"has-dbus-vmstate":1}}""");
        using var client = TestClients.OnStub(handler);

        var precondition = await client.GetMigratePreconditionAsync("pve1", GuestType.Qemu, 101, "pve2");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("target=pve2", request.Query);
        Assert.Null(request.Body);
        Assert.True(precondition.Allows("pve2"));
        Assert.False(precondition.Running);
    }

    [Fact]
    public async Task CloneContainer_UsesHostnameForTheName()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await client.CloneGuestAsync("pve1", GuestType.Lxc, 200, new CloneOptions { NewId = 210, Name = "whisper-2", Full = true, TargetNode = "pve3" });

        Assert.Equal("newid=210&hostname=whisper-2&target=pve3&full=1", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task CreateContainer_RootFsSize_BecomesStorageColonSize()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await client.CreateContainerAsync("pve3", new CreateContainerOptions
        {
            VmId = 150,
            OsTemplate = "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst",
            Hostname = "ollama",
            MemoryMiB = 4096,
            Storage = "local-lvm",
            RootFsSizeGiB = 16,
            Net0 = "name=eth0,bridge=vmbr0,ip=dhcp",
            Unprivileged = true,
            Extra = new Dictionary<string, string> { ["dev0"] = "/dev/nvidia0" },
        });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/nodes/pve3/lxc", request.ApiPath);
        Assert.Equal(
            "vmid=150&ostemplate=local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst&hostname=ollama&memory=4096&storage=local-lvm&rootfs=local-lvm%3A16" +
            "&net0=name%3Deth0%2Cbridge%3Dvmbr0%2Cip%3Ddhcp&unprivileged=1&dev0=%2Fdev%2Fnvidia0",
            request.Body);
    }

    [Fact]
    public async Task ShutdownGuest_SendsOnlyWhatWasAsked()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await client.ShutdownGuestAsync("pve1", GuestType.Qemu, 101);
        await client.ShutdownGuestAsync("pve1", GuestType.Qemu, 101, TimeSpan.FromSeconds(60), forceStop: true);

        Assert.Null(handler.Requests[0].Body);
        Assert.Equal("timeout=60&forceStop=1", handler.Requests[1].Body);
        Assert.All(handler.Requests, r => Assert.Equal("/nodes/pve1/qemu/101/status/shutdown", r.ApiPath));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("reboot")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task LifecycleCalls_PostToTheirStatusPath(string action)
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await (action switch
        {
            "start" => client.StartGuestAsync("pve1", GuestType.Lxc, 200),
            "stop" => client.StopGuestAsync("pve1", GuestType.Lxc, 200),
            "reboot" => client.RebootGuestAsync("pve1", GuestType.Lxc, 200),
            "suspend" => client.SuspendGuestAsync("pve1", GuestType.Lxc, 200),
            _ => client.ResumeGuestAsync("pve1", GuestType.Lxc, 200),
        });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/nodes/pve1/lxc/200/status/{action}", request.ApiPath);
    }

    [Fact]
    public async Task Snapshots_CreateDeleteRollback_UseTheSnapshotPaths()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await client.CreateSnapshotAsync("pve1", GuestType.Qemu, 101, "before-upgrade", "pre apt upgrade", includeVmState: true);
        await client.DeleteSnapshotAsync("pve1", GuestType.Qemu, 101, "before-upgrade");
        await client.RollbackSnapshotAsync("pve1", GuestType.Qemu, 101, "before-upgrade", start: true);
        await client.DeleteGuestAsync("pve1", GuestType.Qemu, 101, purge: true);

        Assert.Equal(
            [
                "POST /nodes/pve1/qemu/101/snapshot snapname=before-upgrade&description=pre%20apt%20upgrade&vmstate=1",
                "DELETE /nodes/pve1/qemu/101/snapshot/before-upgrade ",
                "POST /nodes/pve1/qemu/101/snapshot/before-upgrade/rollback start=1",
                "DELETE /nodes/pve1/qemu/101 purge=1",
            ],
            handler.Requests.Select(r => $"{r.Method} {r.ApiPath} {r.Body ?? r.Query}"));
    }

    [Fact]
    public async Task CreateSnapshot_VmStateForAContainer_IsRefused()
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateSnapshotAsync("pve1", GuestType.Lxc, 200, "s1", includeVmState: true));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1_000_000_000)]
    public async Task GuestCalls_VmidOutsidePvesRange_AreRefused(int vmid)
    {
        var handler = new StubHttpHandler(200, TaskAnswer);
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.StartGuestAsync("pve1", GuestType.Qemu, vmid));
    }

    [Fact]
    public async Task WakeNode_ReturnsTheMacAddressPveUsed()
    {
        var handler = new StubHttpHandler(200, """{"data":"D8:5E:D3:4A:11:83"}""");
        using var client = TestClients.OnStub(handler);

        var mac = await client.WakeNodeAsync("brian");

        Assert.Equal("D8:5E:D3:4A:11:83", mac);
        Assert.Equal("POST /nodes/brian/wakeonlan", $"{handler.Requests[0].Method} {handler.Requests[0].ApiPath}");
    }

    [Fact]
    public async Task LifecycleCall_AnswerThatIsNotAUpid_IsAProtocolError()
    {
        var handler = new StubHttpHandler(200, """{"data":"OK"}""");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.StartGuestAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(PveErrorKind.Protocol, error.Kind);
        Assert.Contains("expected a task id (UPID:…), got 'OK'", error.Message);
    }

    [Fact]
    public async Task GetTaskLog_ReadsLinesAndTotal_AndSendsStartAndLimit()
    {
        var handler = new StubHttpHandler(200, """{"total":3,"data":[{"n":2,"t":"migration aborted"},{"t":"TASK ERROR: migration aborted","n":3}]}""");
        using var client = TestClients.OnStub(handler);

        var page = await client.GetTaskLogAsync(Upid.Parse("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam:"), start: 1, limit: 2);

        Assert.Equal(3, page.Total);
        Assert.Equal([2, 3], page.Lines.Select(l => l.Number));
        Assert.Equal("TASK ERROR: migration aborted", page.Lines[^1].Text);
        Assert.Equal("start=1&limit=2", Assert.Single(handler.Requests).Query);
    }
}
