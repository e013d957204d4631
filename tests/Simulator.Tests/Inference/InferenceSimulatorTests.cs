using System.Text.Json.Nodes;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class InferenceSimulatorTests
{
    [Fact]
    public void Answers_EachServiceAtItsNodeHostAndPort_AndAtAnExplicitUrl()
    {
        var config = SomeLab.Cluster(new NodeConfig
        {
            Name = "n1",
            Host = "10.0.0.1",
            Services =
            [
                new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Models = ["llama3.2:3b"] },
                new ServiceConfig { Name = "proxied", Kind = ServiceKind.Vllm, Port = 8000, Url = new Uri("http://vllm.lan:8500"), Models = ["qwen2.5:7b"] },
            ],
        });
        var world = SimWorld.Seeded(config);

        Assert.True(world.Inference.Answers("10.0.0.1", 11434, world.Context));
        Assert.True(world.Inference.Answers("10.0.0.1", 8000, world.Context));
        Assert.True(world.Inference.Answers("VLLM.lan", 8500, world.Context));
        Assert.False(world.Inference.Answers("10.0.0.1", 9100, world.Context));
        Assert.False(world.Inference.Answers("10.0.0.2", 11434, world.Context));
        Assert.Equal("inference", world.Inference.StateKey);
    }

    [Fact]
    public async Task StoppedGuest_RefusesConnections()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(202);

        var response = await world.Send(SimWorld.Get(SomeLab.Brian, 11434, "/api/tags"));

        Assert.True(response.ConnectionRefused);
        Assert.False(world.Service("brian", "ollama").IsUp);
        Assert.True(world.Service("brian", "vllm").IsUp);
    }

    [Fact]
    public async Task OfflineNode_RefusesConnectionsToEveryServiceOnIt()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.OfflineNodes.Add("edge-tt");

        Assert.True((await world.Send(SimWorld.Get(SomeLab.EdgeTt, 9000, "/v1/models"))).ConnectionRefused);
        Assert.True((await world.Send(SimWorld.Get(SomeLab.EdgeTt, 8001, "/v1/models"))).ConnectionRefused);
        Assert.False((await world.Send(SimWorld.Get(SomeLab.Brian, 8000, "/v1/models"))).ConnectionRefused);
    }

    [Fact]
    public async Task NoPowerView_TreatsEverythingAsUp()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Context.Power = null;

        var response = await world.Run(SimWorld.Get(SomeLab.Brian, 11434, "/api/version"));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task RestartedGuest_ComesBackWithNoOllamaModelLoaded()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(202);
        Assert.Empty(world.Service("brian", "ollama").Models);
        world.Power.StoppedGuests.Remove(202);

        var ps = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, 11434, "/api/ps")));

        Assert.Empty(ps.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public async Task StoppingTheGuestMidRequest_DropsTheConnection()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var request = world.Send(SimWorld.Post(SomeLab.Brian, 11434, "/api/chat", """{"model":"llama3.2:3b","messages":[{"role":"user","content":"hi"}],"stream":false}"""));
        world.Advance(TimeSpan.FromMilliseconds(10));
        world.Power.StoppedGuests.Add(202);

        await world.Drive(request);

        Assert.True((await request).ConnectionRefused);
    }

    [Fact]
    public async Task SaveAndLoadState_InAFreshComponent_GivesTheSameApiPs()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        await world.Run(SimWorld.Post(SomeLab.Brian, 11434, "/api/embed", """{"model":"nomic-embed-text","input":"warm me up"}"""));
        var before = SimWorld.Text(await world.Run(SimWorld.Get(SomeLab.Brian, 11434, "/api/ps")));

        // Through text, as the engine writes the state file.
        var saved = JsonNode.Parse(world.Inference.SaveState().ToJsonString())!;
        var fresh = world.Fresh();
        Assert.True(fresh.Inference.LoadState(saved, fresh.Context));
        var after = SimWorld.Text(await fresh.Run(SimWorld.Get(SomeLab.Brian, 11434, "/api/ps")));

        Assert.Contains("nomic-embed-text", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task SaveAndLoadState_KeepsARunningRequestInFlightUntilItsEnd()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        _ = world.Send(SimWorld.Post(SomeLab.EdgeTt, 8000, "/v1/chat/completions", """{"model":"llama-3.2-3b-instruct","messages":[{"role":"user","content":"hi"}],"max_tokens":100}"""));
        world.Advance(TimeSpan.FromMilliseconds(50));

        var fresh = world.Fresh();
        Assert.True(fresh.Inference.LoadState(JsonNode.Parse(world.Inference.SaveState().ToJsonString())!, fresh.Context));

        Assert.Equal(1, fresh.Service("edge-tt", "vllm").InFlight);
        fresh.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, fresh.Service("edge-tt", "vllm").InFlight);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("""{"version":2,"services":[]}""")]
    [InlineData("""{"version":1,"services":[{"node":"brian"}]}""")]
    [InlineData("""{"version":1,"services":"nope"}""")]
    public void LoadState_OfAnUnusableSection_ReturnsFalse(string json)
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        Assert.False(world.Inference.LoadState(JsonNode.Parse(json)!, world.Context));
    }

    [Fact]
    public void Options_RejectATimeScaleOutsideItsRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceSimulatorOptions { TimeScale = 0 });

        Assert.Contains("TimeScale must be greater than 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.1, new InferenceSimulatorOptions().TimeScale);
    }
}
