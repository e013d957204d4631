namespace PveAgent.Cli.Tests;

/// <summary>A command line the parser refuses exits with the usage code and says what was wrong.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Version_Alone_PrintsTheVersionAndSucceeds()
    {
        var run = await _cli.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Version_BesideOtherOptions_ExitsWithUsageAndSaysWhy()
    {
        var run = await _cli.RunAsync("--config", "cluster.yaml", "--version");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--version", run.Error, StringComparison.Ordinal);
        Assert.Contains("hint: run `pve-agent --version` on its own", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsWithUsageAndNamesIt()
    {
        var run = await _cli.RunAsync("statsu");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("statsu", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
