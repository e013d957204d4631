using PveAgent.Core.Registry;

namespace PveAgent.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Init_InAnEmptyFolder_WritesTheSimulatedSampleThatValidatesAndRuns()
    {
        var init = await _cli.RunAsync("init");
        var status = await _cli.RunAsync("status");

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("pve-agent status", init.Out, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("simulated", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_WhenTheFileExists_ChangesNothingAndSaysHowToOverwrite()
    {
        var path = _cli.WriteFile("cluster.yaml", "# mine\n");

        var run = await _cli.RunAsync("init");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Equal("# mine\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task Init_WithAProxmoxHost_WritesARealModeConfigForThatHost()
    {
        var run = await _cli.RunAsync("init", "--proxmox-host", "10.0.0.2", "--config", "real.yaml");

        Assert.Equal(0, run.ExitCode);
        var config = new ClusterConfigLoader().Load(File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "real.yaml")), "real.yaml").Config!;
        Assert.False(config.Cluster.Simulate);
        Assert.Equal("10.0.0.2", config.Proxmox!.Host);
        Assert.Equal("PVEAGENT_TOKEN", config.Proxmox.TokenSecret.EnvironmentVariable);
    }

    [Fact]
    public async Task Status_WithoutAnyConfig_PointsAtInit()
    {
        var run = await _cli.RunAsync("status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pve-agent init", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
