using System.Text;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Telemetry;
using PveAgent.Simulator.Tests.Inference;

namespace PveAgent.Simulator.Tests.Telemetry;

public sealed class TelemetrySimulatorTests
{
    [Fact]
    public void Answers_OnTheNodeAgentPortOfEachNode_AndAtAConfiguredTelemetryUrl()
    {
        var config = SomeLab.Cluster(
            new NodeConfig { Name = "a", Host = "10.0.0.1" },
            new NodeConfig { Name = "b", Host = "10.0.0.2", Telemetry = new TelemetryConfig { Source = TelemetrySource.Exporter, Url = new Uri("http://exporter.lan:9400/metrics") } });
        var world = TelemetryWorld.Create(config);
        var context = world.Inference.Context;

        Assert.True(world.Telemetry.Answers("10.0.0.1", 9100, context));
        Assert.True(world.Telemetry.Answers("10.0.0.2", 9100, context));
        Assert.True(world.Telemetry.Answers("exporter.lan", 9400, context));
        Assert.False(world.Telemetry.Answers("10.0.0.1", 9400, context));
        Assert.False(world.Telemetry.Answers("10.0.0.3", 9100, context));
        Assert.Equal("telemetry", world.Telemetry.StateKey);
    }

    [Fact]
    public async Task OfflineNode_RefusesConnections()
    {
        var world = TelemetryWorld.Create();
        world.Inference.Power.OfflineNodes.Add("brian");

        var response = await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi");

        Assert.True(response.ConnectionRefused);
    }

    [Fact]
    public async Task WithATokenConfigured_RequestsWithoutTheRightBearerTokenAreUnauthorised()
    {
        const string Secret = "s3cret-node-token";
        var world = TelemetryWorld.Create(options: new TelemetrySimulatorOptions { Token = Secret });

        var missing = await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi");
        var wrong = await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi", "guess");
        var right = await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi", Secret);
        var exporter = await world.Get(SomeLab.Brian, "/metrics");

        Assert.Equal(401, missing.Status);
        Assert.Equal(401, wrong.Status);
        Assert.Equal("Bearer", missing.Headers["WWW-Authenticate"]);
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(wrong.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, right.Status);
        Assert.Equal(200, exporter.Status);
    }

    [Fact]
    public async Task WithoutATokenConfigured_AnyRequestIsAccepted()
    {
        var world = TelemetryWorld.Create();

        Assert.Equal(200, (await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi", "whatever")).Status);
        Assert.Equal(200, (await world.Get(SomeLab.Brian, "/v1/telemetry/nvidia-smi")).Status);
    }

    [Fact]
    public async Task ANodeWithoutTheHardware_AnswersWithTheToolsOwnFailure()
    {
        var world = TelemetryWorld.Create();

        var nvidia = await world.Get(SomeLab.Pve3, "/v1/telemetry/nvidia-smi");
        var tenstorrent = await world.Get(SomeLab.Brian, "/v1/telemetry/tt-smi");

        Assert.Equal(404, nvidia.Status);
        var driverMessage = Fixtures.Text("nvidia", "errors_REAL.txt").Split('\n').First(l => l.StartsWith("NVIDIA-SMI has failed", StringComparison.Ordinal));
        Assert.Equal(driverMessage + "\n", Encoding.UTF8.GetString(nvidia.Body.Span));
        Assert.Equal(404, tenstorrent.Status);
        Assert.StartsWith("No Tenstorrent driver detected!", Encoding.UTF8.GetString(tenstorrent.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutALoadView_TheHardwareReadsIdle()
    {
        var world = TelemetryWorld.Create(withLoad: false);

        var rows = (await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(", ")).ToList();

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r[4]));
        Assert.All(rows, r => Assert.Equal("25.00", r[7]));
    }

    [Fact]
    public async Task SaveAndLoadState_KeepsTheHeartbeatCountingFromTheSameBoot()
    {
        var world = TelemetryWorld.Create();
        var before = await world.Text(SomeLab.EdgeTt, "/v1/telemetry/tt-smi");
        var fresh = new TelemetrySimulator(world.Inference.Inference);

        Assert.True(fresh.LoadState(JsonNode.Parse(world.Telemetry.SaveState().ToJsonString())!, world.Inference.Context));
        var after = Encoding.UTF8.GetString((await fresh.HandleAsync(SimWorld.Get(SomeLab.EdgeTt, 9100, "/v1/telemetry/tt-smi"), world.Inference.Context)).Body.Span);

        Assert.Equal(before, after);
        Assert.False(fresh.LoadState(JsonNode.Parse("""{"version":7}""")!, world.Inference.Context));
        Assert.False(fresh.LoadState(JsonNode.Parse("[]")!, world.Inference.Context));
    }

    [Fact]
    public async Task UnknownPaths_AreNotFound_AndWritesAreRejected()
    {
        var world = TelemetryWorld.Create();

        Assert.Equal(404, (await world.Get(SomeLab.Brian, "/v1/telemetry/rocm-smi")).Status);
        var post = await world.Telemetry.HandleAsync(SimWorld.Post(SomeLab.Brian, 9100, "/v1/telemetry/nvidia-smi", "{}"), world.Inference.Context);
        Assert.Equal(405, post.Status);
    }
}
