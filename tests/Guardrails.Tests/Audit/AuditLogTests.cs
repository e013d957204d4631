using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.Security;
using PveAgent.Guardrails.Audit;
using PveAgent.TestSupport;

namespace PveAgent.Guardrails.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private const string Secret = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pveagent-audit-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(Some.Now);

    public AuditLogTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Append_ChainsEveryLineToTheOneBefore_AndTheLogVerifies()
    {
        var log = Log();

        var first = log.Approval(Plan(), Approver.Person, granted: true);
        var second = log.Approval(Plan(), Approver.Unattended, granted: false);

        var lines = File.ReadAllLines(log.Path);
        Assert.Equal((1L, AuditLog.Genesis), (first.Seq, first.Prev));
        Assert.Equal((2L, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines[0])))), (second.Seq, second.Prev));
        Assert.Equal(new AuditVerification { Intact = true, Records = 2 }, await log.VerifyAsync());
    }

    [Fact]
    public void Append_WritesOneSnakeCaseJsonObjectPerLineWithKebabCaseKinds()
    {
        var log = Log();

        log.Approval(Plan(), Approver.McpElicitation, granted: true);

        using var line = JsonDocument.Parse(File.ReadAllLines(log.Path).Single());
        var root = line.RootElement;
        Assert.Equal(["seq", "at", "kind", "plan_id", "actor", "decision", "message", "prev"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("approval", "mcp-elicitation", "approved", "plan p-000001 approved by mcp-elicitation"),
            (root.GetProperty("kind").GetString(), root.GetProperty("actor").GetString(), root.GetProperty("decision").GetString(), root.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Verify_AnEarlierLineChanged_FailsAtTheLineAfterIt()
    {
        var log = Log();
        log.Approval(Plan(), Approver.Person, granted: false);
        log.Approval(Plan(), Approver.Person, granted: false);
        log.Approval(Plan(), Approver.Person, granted: false);
        var lines = File.ReadAllLines(log.Path);
        lines[1] = lines[1].Replace("declined", "approved", StringComparison.Ordinal);
        File.WriteAllLines(log.Path, lines);

        var verification = await log.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal((3, 2, "the record does not carry the hash of line 2: line 2 was changed after it was written"),
            (verification.BrokenAtLine!.Value, verification.Records, verification.Problem));
    }

    [Fact]
    public async Task Verify_ARemovedLine_FailsOnTheNumbering()
    {
        var log = Log();
        for (var i = 0; i < 3; i++)
        {
            log.Approval(Plan(), Approver.Person, granted: true);
        }

        File.WriteAllLines(log.Path, File.ReadAllLines(log.Path).Where((_, i) => i != 1));

        var verification = await log.VerifyAsync();

        Assert.Equal((2, "the record is numbered 3, expected 2: a record was removed or inserted"), (verification.BrokenAtLine!.Value, verification.Problem));
    }

    [Fact]
    public async Task Append_AfterAWriteWasCutShort_StartsANewLine_AndVerifyNamesTheBrokenOne()
    {
        var log = Log();
        log.Approval(Plan(), Approver.Person, granted: true);
        File.AppendAllText(log.Path, "{\"seq\":2,\"at\":\"2026-01-");

        var next = log.Approval(Plan(), Approver.Person, granted: true);
        var verification = await log.VerifyAsync();

        Assert.Equal(3, next.Seq);
        Assert.Equal(3, File.ReadAllLines(log.Path).Length);
        Assert.Equal((2, "the line is not an audit record"), (verification.BrokenAtLine!.Value, verification.Problem));
    }

    [Fact]
    public async Task Append_FromManyWritersAtOnce_KeepsOneUnbrokenChain()
    {
        // Four logs on one file stand for four processes; the file lock serialises their appends.
        var writers = Enumerable.Range(0, 4).Select(_ => Log()).ToList();

        await Task.WhenAll(writers.Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                w.Approval(Plan(), Approver.Person, granted: true);
            }
        })));

        Assert.Equal(new AuditVerification { Intact = true, Records = 40 }, await writers[0].VerifyAsync());
    }

    [Fact]
    public async Task Read_FiltersBySinceAndByPlan()
    {
        var log = Log();
        log.Approval(Plan("p-aaaaaa"), Approver.Person, granted: true);
        _clock.Advance(TimeSpan.FromHours(2));
        log.Approval(Plan("p-bbbbbb"), Approver.Person, granted: true);
        log.Approval(Plan("p-aaaaaa"), Approver.Person, granted: true);

        var recent = await log.ReadAsync(since: Some.Now.AddHours(1));
        var planA = await log.ReadAsync(planId: "p-aaaaaa");

        Assert.Equal([2L, 3L], recent.Select(r => r.Seq));
        Assert.Equal([1L, 3L], planA.Select(r => r.Seq));
    }

    [Fact]
    public async Task Read_ALineThatIsNotARecord_IsAnErrorNamingItAndTheFix()
    {
        var log = Log();
        log.Approval(Plan(), Approver.Person, granted: true);
        File.AppendAllText(log.Path, "garbage\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => log.ReadAsync());

        Assert.Equal($"{log.Path} line 2 is not an audit record; run `pve-agent audit --verify` to check the whole log.", error.Message);
    }

    [Fact]
    public void PlanCreatedAndVerdicts_RecordThePlanAndEveryStepsDecision()
    {
        var log = Log();
        var plan = Some.PlanOf(
        [
            Some.Step(1, Some.StartSandbox(), tool: "start_guest") with { Verdict = new PolicyVerdict { Decision = PolicyDecision.Allow, Reasons = ["mode autonomous: write changes run without asking"] } },
            Some.Step(2, Some.DeleteSandbox(), tool: "delete_guest") with { Verdict = new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = ["tool 'delete_guest' is denied"] } },
        ]);

        var created = log.PlanCreated(plan);
        var verdicts = log.Verdicts(plan);

        Assert.Equal(AuditKind.PlanCreated, created.Kind);
        Assert.Equal(plan.Id, created.Data!.Value.GetProperty("id").GetString());
        Assert.Equal(2, created.Data.Value.GetProperty("steps").GetArrayLength());
        Assert.Equal([("allow", 1), ("deny", 2)], verdicts.Select(v => (v.Decision!, v.Step!.Value)));
        Assert.Equal(["tool 'delete_guest' is denied"], verdicts[1].Reasons!);
    }

    [Fact]
    public void RegisteredSecret_InPlanApprovalAndApplyEvents_NeverReachesTheFile()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Secret);
        var log = new AuditLog(Path.Combine(_dir, AuditLog.FileName), redactor, _clock);
        var plan = Some.PlanOf([Some.Step(1, Some.StartSandbox()) with { Arguments = Some.Arguments($$"""{"token": "{{Secret}}"}""") }]) with { Intent = $"use {Secret}" };

        log.PlanCreated(plan);
        log.Verdicts(plan);
        log.Record(new ApplyProgress
        {
            Kind = ApplyProgressKind.StepFinished,
            PlanId = plan.Id,
            Step = 1,
            Status = StepStatus.Failed,
            Message = "step 1 failed",
            Error = $"401: PVEAPIToken=pveagent@pve!orchestrator={Secret} rejected",
        });

        var text = File.ReadAllText(log.Path);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("use ***", text, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"***\"", text, StringComparison.Ordinal);
        Assert.Contains("PVEAPIToken=pveagent@pve!orchestrator=*** rejected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_ProgressTicks_AreNotKept()
    {
        var log = Log();

        var record = log.Record(new ApplyProgress { Kind = ApplyProgressKind.StepProgress, PlanId = "p-000001", Step = 1, Message = "migrating: 1 of 8 GiB" });

        Assert.Null(record);
        Assert.False(File.Exists(log.Path));
    }

    [Fact]
    public void File_IsReadableOnlyByItsOwner()
    {
        var log = Log();

        log.Approval(Plan(), Approver.Person, granted: true);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log.Path));
        }
    }

    private AuditLog Log() => AuditLog.InDirectory(_dir, timeProvider: _clock);

    private static Plan Plan(string id = "p-000001") => Some.PlanOf([Some.Step(1, Some.StartSandbox())], id);
}
