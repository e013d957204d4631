namespace PveAgent.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Validate_CommittedSample_IsValidAndSummarised()
    {
        _cli.UseSampleConfig();

        var run = await _cli.RunAsync("validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid — cluster 'homelab', 3 node(s), 4 accelerator(s)", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Validate_BrokenFile_ListsEveryErrorWithFileLineColumn_AndExitsOne()
    {
        _cli.WriteFile("broken.yaml", """
            cluster:
              name: lab
              simulate: true
            nodes:
              a:
                host: 192.168.0.xxx
                acelerators: []
              b:
                host: 10.0.0.2
                capabilities: [llm-inferense]
            """);

        var run = await _cli.RunAsync("validate", "broken.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.yaml:6:11: error: host '192.168.0.xxx'", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:7:5: error: unknown key 'acelerators'", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'accelerators'", run.Error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:10:20: error: unknown capability 'llm-inferense'", run.Error, StringComparison.Ordinal);
        Assert.Contains("3 error(s)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UsesPveAgentConfigVariable_WhenNoPathIsGiven()
    {
        var path = _cli.UseSampleConfig("elsewhere.yaml");
        _cli.SetEnvironment("PVEAGENT_CONFIG", path);

        var run = await _cli.RunAsync("validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("elsewhere.yaml: valid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_SaysSoAndHowToFixIt()
    {
        var run = await _cli.RunAsync("validate", "nope.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.yaml", run.Error, StringComparison.Ordinal);
        Assert.Contains("--config", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InlineTokenSecret_WarnsWithoutPrintingTheSecret()
    {
        _cli.WriteFile("inline.yaml", """
            cluster:
              name: lab
              proxmox:
                host: 10.0.0.1
                user: pveagent@pve
                token_name: ci
                token_value: 0f7e3b1a-1111-2222-3333-444455556666
            nodes:
              a:
                host: 10.0.0.2
            """);

        var run = await _cli.RunAsync("validate", "inline.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0f7e3b1a", run.Out + run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
