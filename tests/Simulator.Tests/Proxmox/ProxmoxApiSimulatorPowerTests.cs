using System.Net;
using System.Net.Sockets;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorPowerTests
{
    [Fact]
    public async Task SleepingNode_ShowsOfflineWithUnknownGuestsAndProxiedCallsFailWith595()
    {
        using var harness = new SimulatorHarness();

        await harness.Engine.SetNodeOnlineAsync("edge-tt", online: false);
        var nodes = await harness.GetAsync("nodes");
        var guests = await harness.GetAsync("cluster/resources?type=vm");
        var status = await harness.GetAsync("nodes/edge-tt/status");

        var edge = nodes.Data!.AsArray().Single(n => n!["node"]!.GetValue<string>() == "edge-tt")!;
        Assert.Equal("offline", edge["status"]!.GetValue<string>());
        Assert.Null(edge["uptime"]);
        var whisper = guests.Data!.AsArray().Single(g => g!["vmid"]!.GetValue<int>() == 401)!;
        Assert.Equal("unknown", whisper["status"]!.GetValue<string>());
        Assert.Null(whisper["cpu"]);
        Assert.Equal((HttpStatusCode)595, status.Status);
        Assert.Null(status.Body);
        Assert.False(harness.Engine.Proxmox.IsNodeOnline("edge-tt"));
        Assert.False(harness.Engine.Proxmox.IsGuestRunning(401));
    }

    [Fact]
    public async Task WakeOnLan_ThroughTheApi_ReturnsTheMacAndBringsTheNodeUpAfterItsBootTime()
    {
        using var harness = new SimulatorHarness();
        await harness.Engine.SetNodeOnlineAsync("edge-tt", online: false);

        var wake = await harness.PostAsync("nodes/edge-tt/wakeonlan");
        harness.Clock.Advance(TimeSpan.FromSeconds(59));
        var stillBooting = harness.Engine.Proxmox.IsNodeOnline("edge-tt");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var up = harness.Engine.Proxmox.IsNodeOnline("edge-tt");
        var guestsRightAfterBoot = harness.Engine.Proxmox.IsGuestRunning(401);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var tasks = await harness.GetAsync("cluster/tasks");

        Assert.Equal(HttpStatusCode.OK, wake.Status);
        Assert.Equal("D8:5E:D3:4A:11:50", wake.Data!.GetValue<string>());
        Assert.False(stillBooting);
        Assert.True(up);
        Assert.False(guestsRightAfterBoot);
        Assert.True(harness.Engine.Proxmox.IsGuestRunning(401));
        Assert.True(harness.Engine.Proxmox.IsGuestRunning(402));
        var startAll = tasks.Data!.AsArray().First(t => t!["type"]!.GetValue<string>() == "startall")!;
        Assert.Equal("edge-tt", startAll["node"]!.GetValue<string>());
        Assert.Equal("root@pam", startAll["user"]!.GetValue<string>());
        Assert.Equal("OK", startAll["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WakeOnLan_ForANodeWithoutMac_SaysNoneIsDefined()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/pve3/wakeonlan");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("No wake on LAN MAC address defined for 'pve3'!", answer.Reason);
    }

    [Fact]
    public async Task Request_ToTheHostOfASleepingNode_IsConnectionRefused()
    {
        using var harness = new SimulatorHarness();
        await harness.Engine.SetNodeOnlineAsync("brian", online: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAsync("https://192.168.0.183:8006/api2/json/version"));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task Request_ToAnOnlineNodeHost_IsAnsweredByThatNode()
    {
        using var harness = new SimulatorHarness();

        var answer = await SimulatorHarness.Answer.ReadAsync(await harness.Client.GetAsync("https://192.168.0.103:8006/api2/json/cluster/status"));

        var local = answer.Data!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "node" && e["local"]!.GetValue<int>() == 1)!;
        Assert.Equal("pve3", local["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task NodeStatus_AtTwoInstants_MovesButStaysPlausible()
    {
        using var harness = new SimulatorHarness();

        var first = (await harness.GetAsync("nodes/brian/status")).Data!;
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = (await harness.GetAsync("nodes/brian/status")).Data!;

        Assert.NotEqual(first["cpu"]!.GetValue<double>(), second["cpu"]!.GetValue<double>());
        Assert.Equal(first["uptime"]!.GetValue<long>() + 30, second["uptime"]!.GetValue<long>());
        Assert.InRange(second["cpu"]!.GetValue<double>(), 0.0, 1.0);
        Assert.InRange(second["memory"]!["used"]!.GetValue<long>(), 1L << 30, second["memory"]!["total"]!.GetValue<long>());
        Assert.Equal(32, second["cpuinfo"]!["cpus"]!.GetValue<int>());
    }
}
