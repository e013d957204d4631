using System.Net;
using System.Text.Json.Nodes;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests;

public sealed class SimulatorEngineTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "pveagent-sim-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task State_WrittenByOneEngine_IsSeenByAnotherOnTheSameDirectory()
    {
        var clock = new ManualTimeProvider();
        using var first = new SimulatorHarness(options: Persisted(), clock: clock);
        using var second = new SimulatorHarness(options: Persisted(), clock: clock);

        await first.CompleteAsync(await first.StartTaskAsync("nodes/brian/qemu/110/status/start"));
        var seenBySecond = await second.GetAsync("nodes/brian/qemu/110/status/current");
        await second.CompleteAsync(await second.StartTaskAsync("nodes/brian/qemu/110/status/stop"));
        var seenByFirst = await first.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("running", seenBySecond.Data!["status"]!.GetValue<string>());
        Assert.Equal("stopped", seenByFirst.Data!["status"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(_stateDirectory, SimulatorStatePaths.StateFileName)));
    }

    [Fact]
    public async Task State_OfATaskStillRunning_IsFinishedByTheNextProcessOnceItsTimeHasCome()
    {
        var clock = new ManualTimeProvider();
        string upid;
        using (var first = new SimulatorHarness(options: Persisted(), clock: clock))
        {
            upid = await first.StartTaskAsync("nodes/brian/qemu/110/status/start");
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        using var later = new SimulatorHarness(options: Persisted(), clock: clock);
        var status = await later.TaskStatusAsync(upid);

        Assert.Equal("OK", status["exitstatus"]!.GetValue<string>());
        Assert.True(later.Engine.Proxmox.IsGuestRunning(110));
    }

    [Fact]
    public async Task StateFile_RecordsVersionConfigHashAndOneSectionPerComponent()
    {
        using var harness = new SimulatorHarness(options: Persisted(), components: [new FakeComponent("192.168.0.183", 8000)]);

        await harness.Engine.InitializeAsync();
        var root = JsonNode.Parse(File.ReadAllText(harness.Engine.StateFilePath!))!;

        Assert.Equal(SimulatorEngine.StateVersion, root["version"]!.GetValue<int>());
        Assert.Equal(harness.Engine.ConfigSha256, root["configSha256"]!.GetValue<string>());
        Assert.Equal(64, harness.Engine.ConfigSha256.Length);
        Assert.NotNull(root["components"]!["proxmox"]!["nodes"]);
        Assert.Equal(0, root["components"]!["fake"]!["requests"]!.GetValue<int>());
        Assert.Empty(Directory.EnumerateFiles(_stateDirectory, "*.tmp"));
    }

    [Fact]
    public async Task ChangedClusterYaml_ReseedsTheWorldAndSaysSo()
    {
        var yaml = Path.Combine(_stateDirectory, "cluster.yaml");
        Directory.CreateDirectory(_stateDirectory);
        File.WriteAllText(yaml, "cluster:\n  name: homelab\n");
        var clock = new ManualTimeProvider();
        using (var before = new SimulatorHarness(Some.HomeLab(yaml), Persisted(), clock))
        {
            await before.CompleteAsync(await before.StartTaskAsync("nodes/brian/qemu/110/status/start"));
        }

        File.WriteAllText(yaml, "cluster:\n  name: homelab\n  # a comment changes the hash\n");
        using var after = new SimulatorHarness(Some.HomeLab(yaml), Persisted(), clock);
        var guest = await after.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("stopped", guest.Data!["status"]!.GetValue<string>());
        Assert.NotNull(after.Engine.LastNotice);
        Assert.Contains("changed", after.Engine.LastNotice, StringComparison.Ordinal);
        Assert.Contains(yaml, after.Engine.LastNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnchangedClusterYaml_KeepsTheWorldWithoutNotice()
    {
        var yaml = Path.Combine(_stateDirectory, "cluster.yaml");
        Directory.CreateDirectory(_stateDirectory);
        File.WriteAllText(yaml, "cluster:\n  name: homelab\n");
        var clock = new ManualTimeProvider();
        using (var before = new SimulatorHarness(Some.HomeLab(yaml), Persisted(), clock))
        {
            await before.CompleteAsync(await before.StartTaskAsync("nodes/brian/qemu/110/status/start"));
        }

        using var after = new SimulatorHarness(Some.HomeLab(yaml), Persisted(), clock);
        var guest = await after.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("running", guest.Data!["status"]!.GetValue<string>());
        Assert.Null(after.Engine.LastNotice);
    }

    [Fact]
    public async Task Reset_DeletesTheStateAndSeedsAFreshWorld()
    {
        using var harness = new SimulatorHarness(options: Persisted());
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));

        harness.Engine.Reset();
        var guest = await harness.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("stopped", guest.Data!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResetAsync_AlsoStartsOverAndPersistsTheFreshWorld()
    {
        var clock = new ManualTimeProvider();
        using var harness = new SimulatorHarness(options: Persisted(), clock: clock);
        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/110/status/start"));

        await harness.Engine.ResetAsync();
        using var other = new SimulatorHarness(options: Persisted(), clock: clock);

        Assert.Equal("stopped", (await other.GetAsync("nodes/brian/qemu/110/status/current")).Data!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnusableComponentSection_ReseedsOnlyThatComponent()
    {
        var clock = new ManualTimeProvider();
        using (var first = new SimulatorHarness(options: Persisted(), clock: clock, components: [new FakeComponent("192.168.0.183", 8000)]))
        {
            await first.CompleteAsync(await first.StartTaskAsync("nodes/brian/qemu/110/status/start"));
        }

        var path = Path.Combine(_stateDirectory, SimulatorStatePaths.StateFileName);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        root["components"]!["fake"] = new JsonObject { ["garbage"] = true };
        File.WriteAllText(path, root.ToJsonString());
        using var second = new SimulatorHarness(options: Persisted(), clock: clock, components: [new FakeComponent("192.168.0.183", 8000)]);

        var guest = await second.GetAsync("nodes/brian/qemu/110/status/current");

        Assert.Equal("running", guest.Data!["status"]!.GetValue<string>());
        Assert.Contains("'fake'", second.Engine.LastNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_IsRoutedToTheComponentThatAnswersItsHostAndPort()
    {
        var fake = new FakeComponent("192.168.0.183", 8000);
        using var harness = new SimulatorHarness(components: [fake]);

        using var response = await harness.Client.GetAsync("http://192.168.0.183:8000/v1/models?x=1");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/models", body["path"]!.GetValue<string>());
        Assert.Equal("x=1", body["query"]!.GetValue<string>());
        Assert.Equal("yes", response.Headers.GetValues("X-Fake").Single());
        Assert.True(harness.Engine.Answers("192.168.0.183", 8000));
        Assert.False(harness.Engine.Answers("192.168.0.183", 8001));
    }

    [Fact]
    public async Task Component_SeesTheGuestPowerViewOfTheProxmoxSimulator()
    {
        var fake = new FakeComponent("192.168.0.183", 8000) { RefuseWhenGuestStopped = true, Guest = 201 };
        using var harness = new SimulatorHarness(components: [fake]);
        using var before = await harness.Client.GetAsync("http://192.168.0.183:8000/health");

        await harness.CompleteAsync(await harness.StartTaskAsync("nodes/brian/qemu/201/status/stop"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAsync("http://192.168.0.183:8000/health"));
    }

    [Fact]
    public async Task NobodyAnswering_IsConnectionRefused()
    {
        using var harness = new SimulatorHarness();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAsync("http://10.9.9.9:1234/"));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal("Connection refused (10.9.9.9:1234)", error.Message);
    }

    [Fact]
    public async Task ConcurrentRequests_FromTwoEnginesOnOneFile_LoseNoUpdate()
    {
        var clock = new ManualTimeProvider();
        var fakeA = new FakeComponent("192.168.0.183", 8000);
        var fakeB = new FakeComponent("192.168.0.183", 8000);
        using var a = new SimulatorHarness(options: Persisted(), clock: clock, components: [fakeA]);
        using var b = new SimulatorHarness(options: Persisted(), clock: clock, components: [fakeB]);

        var calls = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).Client.GetAsync("http://192.168.0.183:8000/ping"));
        var responses = await Task.WhenAll(calls);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(_stateDirectory, SimulatorStatePaths.StateFileName)))!;
        Assert.Equal(20, root["components"]!["fake"]!["requests"]!.GetValue<int>());
    }

    private PveAgentSimulatorOptions Persisted() => new() { StateDirectory = _stateDirectory };
}
