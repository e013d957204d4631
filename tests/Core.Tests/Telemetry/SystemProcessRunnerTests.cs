using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class SystemProcessRunnerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_Arguments_ReachTheProgramVerbatimWithoutAShell()
    {
        var runner = new SystemProcessRunner();

        var result = await runner.RunAsync(new ProcessRequest { FileName = "printf", Arguments = ["%s|", "a b", "$HOME", "x;y", "'q'"] });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b|$HOME|x;y|'q'|", result.StandardOutput);
    }

    [Fact]
    public async Task Run_FailingProgram_ReportsExitCodeAndStderr()
    {
        var runner = new SystemProcessRunner();

        var result = await runner.RunAsync(new ProcessRequest { FileName = "sh", Arguments = ["-c", "echo out; echo oops >&2; exit 3"] });

        Assert.True(result.Started);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
        Assert.Equal("out\n\noops\n", result.CombinedOutput);
    }

    [Fact]
    public async Task Run_MissingProgram_IsAStartErrorNotAnException()
    {
        var runner = new SystemProcessRunner();

        var result = await runner.RunAsync(new ProcessRequest { FileName = "pveagent-no-such-tool" });

        Assert.False(result.Started);
        Assert.Contains("could not start pveagent-no-such-tool", result.StartError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PastItsTimeout_KillsTheWholeTreeAndReportsTimedOut()
    {
        var time = new SignallingTimeProvider();
        var runner = new SystemProcessRunner(time);

        // The background sleep inherits stdout: the run can only finish if the kill reaches the grandchild too.
        var run = runner.RunAsync(new ProcessRequest
        {
            FileName = "sh",
            Arguments = ["-c", "sleep 60 & echo started; wait"],
            Timeout = TimeSpan.FromSeconds(5),
        });
        await time.TimerCreated.WaitAsync(Guard);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run.WaitAsync(Guard);

        Assert.True(result.TimedOut);
        Assert.True(result.Started);
    }

    [Fact]
    public async Task Run_CancelledByTheCaller_Throws()
    {
        var time = new SignallingTimeProvider();
        var runner = new SystemProcessRunner(time);
        using var cancellation = new CancellationTokenSource();

        var run = runner.RunAsync(new ProcessRequest { FileName = "sleep", Arguments = ["60"] }, cancellation.Token);
        await time.TimerCreated.WaitAsync(Guard);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Guard));
    }
}
