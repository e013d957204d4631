using System.Text.Json;
using PveAgent.TestSupport;

namespace PveAgent.Cli.Tests.Commands;

/// <summary>The issue's own flow, end to end on the simulated cluster: plan, approve, apply, audit.</summary>
public sealed class PlanApplyCommandTests : IDisposable
{
    private const string Example = "snapshot every VM on brian, then migrate vm 105 to pve3";
    private readonly CliHarness _cli = new() { Clock = new AcceleratedTimeProvider(40) };

    public PlanApplyCommandTests() => _cli.UseSampleConfig();

    [Fact]
    public async Task PlanJson_TheIssuesExample_IsFiveStepsWithVerdictsAndPreconditions_AndChangesNothing()
    {
        var run = await _cli.RunAsync("plan", Example, "--json");

        Assert.Equal(0, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Out);
        var root = plan.RootElement;
        Assert.StartsWith("p-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(Example, root.GetProperty("intent").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["create_snapshot", "create_snapshot", "create_snapshot", "create_snapshot", "migrate_guest"], steps.Select(s => s.GetProperty("tool").GetString()));
        Assert.All(steps, s => Assert.Equal("needs-approval", s.GetProperty("verdict").GetProperty("decision").GetString()));
        Assert.Equal("write", steps[4].GetProperty("effect").GetString());
        Assert.Equal([4], steps[4].GetProperty("depends_on").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Contains(root.GetProperty("preconditions").EnumerateArray(), p => p.GetProperty("fact").GetString() == "guest-on-node");
        Assert.Equal("brian", await NodeOf(105));
    }

    [Fact]
    public async Task Apply_ApprovedOnStdin_CarriesOutEveryStep_AndTheAuditChainHoldsIt()
    {
        var id = await PlanIdAsync(Example);
        _cli.Input = "y\n";

        var run = await _cli.RunAsync("apply", id, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal("applied", report.RootElement.GetProperty("status").GetString());
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(5, steps.Count);
        Assert.All(steps, s => Assert.StartsWith("UPID:brian:", s.GetProperty("upid").GetString(), StringComparison.Ordinal));
        Assert.Equal("pve3", await NodeOf(105));
        var audit = await _cli.RunAsync("audit", "--plan", id);
        Assert.Contains("Approval", audit.Out, StringComparison.Ordinal);
        Assert.Contains("ApplyFinished", audit.Out, StringComparison.Ordinal);
        Assert.Contains("intact", (await _cli.RunAsync("audit", "--verify")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_NoAnswer_ChangesNothingAndSaysHowToApplyLater()
    {
        var id = await PlanIdAsync("migrate vm 105 to pve3");
        _cli.Input = "";

        var run = await _cli.RunAsync("apply", id);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"pve-agent apply {id}", run.Error, StringComparison.Ordinal);
        Assert.Equal("brian", await NodeOf(105));
    }

    [Fact]
    public async Task Apply_PlanMadeBeforeTheClusterChanged_IsRefusedAsStale_SayingWhichFactNoLongerHolds()
    {
        var toPve3 = await PlanIdAsync("migrate vm 105 to pve3");
        var toEdge = await PlanIdAsync("migrate vm 105 to edge-tt");
        _cli.Input = "y\n";
        Assert.Equal(0, (await _cli.RunAsync("apply", toEdge)).ExitCode);
        _cli.Input = "y\n";

        var stale = await _cli.RunAsync("apply", toPve3, "--json");

        Assert.Equal(3, stale.ExitCode);
        using var report = JsonDocument.Parse(stale.Out);
        Assert.Equal("stale", report.RootElement.GetProperty("status").GetString());
        Assert.Contains("edge-tt", stale.Out, StringComparison.Ordinal);
        Assert.Equal("edge-tt", await NodeOf(105));
    }

    [Fact]
    public async Task Plan_ProtectedGuest_IsDeniedAndCannotBeApplied()
    {
        var config = File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "cluster.yaml")) + """

            guardrails:
              protected:
                tags: [prod]
            """;
        File.WriteAllText(Path.Combine(_cli.WorkingDirectory, "cluster.yaml"), config);

        var run = await _cli.RunAsync("plan", "stop homeassistant", "--json");

        Assert.Equal(3, run.ExitCode);
        using var plan = JsonDocument.Parse(run.Out);
        var verdict = plan.RootElement.GetProperty("steps")[0].GetProperty("verdict");
        Assert.Equal("deny", verdict.GetProperty("decision").GetString());
        Assert.Contains(verdict.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("prod", StringComparison.Ordinal));
        _cli.Input = "y\n";
        var apply = await _cli.RunAsync("apply", plan.RootElement.GetProperty("id").GetString()!);
        Assert.Equal(3, apply.ExitCode);
        Assert.Contains("refused", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MigratingARunningContainer_IsDisruptiveAndNeedsApproval_NotDenied()
    {
        var run = await _cli.RunAsync("plan", "migrate pihole to pve3", "--json");

        Assert.Equal(0, run.ExitCode);
        var step = JsonDocument.Parse(run.Out).RootElement.GetProperty("steps")[0];
        Assert.Equal("disruptive", step.GetProperty("effect").GetString());
        Assert.Equal("needs-approval", step.GetProperty("verdict").GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Run_UnknownIntent_ShowsExamplesAndChangesNothing()
    {
        var run = await _cli.RunAsync("run", "make me a sandwich");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pve-agent run \"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_AndTheirFiles_NeverContainTheApiToken()
    {
        await PlanIdAsync(Example);

        var list = await _cli.RunAsync("plans");

        Assert.Contains(Example, list.Out, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(_cli.StateDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("simulator.json", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(System.Text.Encoding.UTF8.GetString(bytes).IndexOf("simulated-token-secret", StringComparison.Ordinal) < 0, $"{file} holds the token");
        }
    }

    private async Task<string> PlanIdAsync(string intent)
    {
        var run = await _cli.RunAsync("plan", intent, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> NodeOf(int vmid)
    {
        var status = await _cli.RunAsync("status", "--json");
        return JsonDocument.Parse(status.Out).RootElement.GetProperty("guests").EnumerateArray()
            .Single(g => g.GetProperty("vmid").GetInt32() == vmid).GetProperty("node").GetString()!;
    }

    public void Dispose() => _cli.Dispose();
}
