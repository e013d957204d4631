using PveAgent.Plugins.Results;

namespace PveAgent.Plugins.Tests;

public sealed class TenstorrentPluginTests
{
    [Fact]
    public async Task TenstorrentStatus_EdgeTt_OneHealthyWormholeWithLiveReadings()
    {
        using var lab = SimulatedLab.Start();

        var status = await lab.NewSession().ReadAsync<TenstorrentStatus>("tenstorrent_status");

        var card = Assert.Single(status.Devices);
        Assert.Equal(("edge-tt", "wormhole-n150", "ok", 12.0), (card.Node, card.Model, card.Health, card.MemGib));
        Assert.NotNull(card.BoardId);
        Assert.InRange(card.TempC!.Value, 20, TenstorrentPlugin.HotCelsius - 1);
        Assert.Null(status.Notes);
    }

    [Fact]
    public async Task TenstorrentStatus_NodeAsleep_ReportsItFromTheRegistry()
    {
        using var lab = SimulatedLab.Start();
        await lab.Engine.SetNodeOnlineAsync("edge-tt", false);

        var status = await lab.NewSession().ReadAsync<TenstorrentStatus>("tenstorrent_status", ("node", "edge-tt"));

        var card = Assert.Single(status.Devices);
        Assert.Equal("node asleep", card.Health);
        Assert.Null(card.TempC);
        Assert.Equal(["edge-tt is asleep: figures are from cluster.yaml"], status.Notes);
    }
}
