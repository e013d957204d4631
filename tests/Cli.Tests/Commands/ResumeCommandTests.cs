using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Cli.Composition;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Simulator;
using PveAgent.Simulator.Proxmox;
using PveAgent.TestSupport;

namespace PveAgent.Cli.Tests.Commands;

/// <summary>Ctrl+C in the middle of an apply, then <c>apply --resume</c>: every action runs exactly once.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly AcceleratedTimeProvider _clock = new(40);
    private readonly CliHarness _cli;

    public ResumeCommandTests()
    {
        _cli = new CliHarness { Clock = _clock };
        _cli.UseSampleConfig();
    }

    [Fact]
    public async Task Apply_InterruptedAfterTheSecondStepWasSent_ThenResumed_RunsEveryActionExactlyOnce()
    {
        var plan = await _cli.RunAsync("plan", "snapshot vm 105 as before, then snapshot vm 110 as before, then migrate vm 105 to pve3", "--json");
        Assert.True(plan.ExitCode == 0, plan.Error);
        var id = JsonDocument.Parse(plan.Out).RootElement.GetProperty("id").GetString()!;
        var since = _clock.GetUtcNow();
        _cli.Input = "y\n";
        using var stop = new CancellationTokenSource();
        var output = new WatchedWriter("step 2 sent");

        var running = _cli.RunAsync(output, stop.Token, "apply", id);
        await Task.WhenAny(output.Seen, running);
        await stop.CancelAsync();
        var interrupted = await running;
        var resumed = await _cli.RunAsync("apply", id, "--resume", "--json");

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains($"pve-agent apply {id} --resume", interrupted.Error, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Out);
        Assert.Equal("applied", JsonDocument.Parse(resumed.Out).RootElement.GetProperty("status").GetString());
        var tasks = (await TasksSinceAsync(since)).Select(t => $"{t.Type}:{t.Id}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["qmigrate:105", "qmsnapshot:105", "qmsnapshot:110"], tasks);
    }

    private async Task<IReadOnlyList<ClusterTaskEntry>> TasksSinceAsync(DateTimeOffset since)
    {
        var config = new ClusterConfigLoader().Load(File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "cluster.yaml")), Path.Combine(_cli.WorkingDirectory, "cluster.yaml")).Config!;
        using var engine = ClusterSession.CreateSimulator(config, _cli.StateDirectory, _clock);
        using var handler = new SimulatorMessageHandler(engine);
        var (host, port) = ProxmoxApiSimulator.ApiAddressFor(config);
        using var client = ProxmoxApiClient.Create(
            config.Proxmox!, new ProxmoxCredentials(ProxmoxApiSimulator.TokenIdFor(config), engine.Options.TokenSecret), NullLoggerFactory.Instance, _clock, handler, new Uri($"http://{host}:{port}/api2/json/"));
        var tasks = await client.GetClusterTasksAsync();
        return [.. tasks.Where(t => t.StartTime >= since.AddSeconds(-1).ToUnixTimeSeconds() && t.Type is "qmsnapshot" or "qmigrate")];
    }

    public void Dispose() => _cli.Dispose();
}
