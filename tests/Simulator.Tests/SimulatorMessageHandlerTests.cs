using System.Text;

namespace PveAgent.Simulator.Tests;

public sealed class SimulatorMessageHandlerTests
{
    [Fact]
    public async Task StreamingBody_ReachesTheReaderChunkByChunk()
    {
        using var harness = new SimulatorHarness(components: [new FakeComponent("192.168.0.183", 11434)]);

        using var response = await harness.Client.GetAsync("http://192.168.0.183:11434/stream", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var first = await reader.ReadLineAsync();
        var secondPending = reader.ReadLineAsync();
        var arrivedBeforeTheClockMoved = secondPending.IsCompleted;
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await secondPending;

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"n\":1}", first);
        Assert.False(arrivedBeforeTheClockMoved);
        Assert.Equal("{\"n\":2}", second);
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task ReasonPhrase_AndStatus_ArePassedThrough()
    {
        using var harness = new SimulatorHarness();

        using var response = await harness.Client.GetAsync("nodes/brian/qemu/999/config");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("Configuration file 'nodes/brian/qemu-server/999.conf' does not exist", response.ReasonPhrase);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }
}
