namespace PveAgent.Cli.Tests;

/// <summary>The CLI's help is its public interface: pinned by approved files, reviewed when it changes.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("root", new string[0])]
    [InlineData("status", new[] { "status" })]
    [InlineData("route", new[] { "route" })]
    [InlineData("run", new[] { "run" })]
    [InlineData("plan", new[] { "plan" })]
    [InlineData("apply", new[] { "apply" })]
    [InlineData("audit", new[] { "audit" })]
    [InlineData("sim-run", new[] { "sim", "run" })]
    [InlineData("chat", new[] { "chat" })]
    public async Task Help_MatchesTheApprovedText(string name, string[] command)
    {
        var run = await _cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        // System.CommandLine names the program after the running executable: the test host here, pve-agent for users.
        var text = run.Out.Replace("Usage:\n  testhost", "Usage:\n  pve-agent", StringComparison.Ordinal).Replace("  testhost ", "  pve-agent ", StringComparison.Ordinal);
        PveAgent.TestSupport.ApprovedFile.Verify(text, $"tests/Cli.Tests/Approved/help-{name}.approved.txt");
    }

    public void Dispose() => _cli.Dispose();
}
