using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class TritonApiTests
{
    private static SimWorld World() => SimWorld.Seeded(SomeLab.Single(
        new ServiceConfig { Name = "triton", Kind = ServiceKind.Triton, Port = 8002, Guest = 600, Models = ["sdxl"] },
        new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 4090", Count = 1 }));

    [Fact]
    public async Task ReadyEndpoints_AnswerForTheServerAndItsModels()
    {
        var world = World();

        Assert.Equal(200, (await world.Run(SimWorld.Get("10.0.0.9", 8002, "/v2/health/ready"))).Status);
        Assert.Equal(200, (await world.Run(SimWorld.Get("10.0.0.9", 8002, "/v2/models/sdxl/ready"))).Status);
        var unknown = await world.Run(SimWorld.Get("10.0.0.9", 8002, "/v2/models/resnet/ready"));
        Assert.Equal(400, unknown.Status);
        Assert.Equal("Request for unknown model: 'resnet' is not found", SimWorld.Json(unknown).GetProperty("error").GetString());
    }

    [Fact]
    public async Task WhileLoadingAfterAStart_TheServerIsLiveButNotReady()
    {
        var world = World();
        world.Power.StoppedGuests.Add(600);
        await world.Send(SimWorld.Get("10.0.0.9", 8002, "/v2/health/live"));
        world.Power.StoppedGuests.Remove(600);

        Assert.Equal(200, (await world.Run(SimWorld.Get("10.0.0.9", 8002, "/v2/health/live"))).Status);
        Assert.Equal(400, (await world.Run(SimWorld.Get("10.0.0.9", 8002, "/v2/health/ready"))).Status);
    }
}
