using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.Security;
using PveAgent.Core.State;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Plans;

public sealed class PlanJsonTests
{
    [Fact]
    public void Serialize_ThreeStepPlan_MatchesTheApprovedShape()
    {
        var plan = Some.ThreeSteps("p-3f9a1c") with { Steps = [.. Some.ThreeSteps().Steps.Select(s => s.Index == 2 ? s with { DependsOn = [1], Verdict = PolicyVerdict.Pending } : s)] };

        ApprovedFile.Verify(PlanJson.Serialize(plan), "tests/Core.Tests/Plans/Approved/three-step-plan.approved.json");
    }

    [Fact]
    public void Serialize_Plan_HasTheIssueFieldsWithTheirNamesAndValues()
    {
        var plan = Some.ThreeSteps("p-3f9a1c");
        plan = plan with { Steps = [plan.Steps[0], plan.Steps[1] with { DependsOn = [1], Verdict = PolicyVerdict.Pending }, plan.Steps[2]] };

        using var json = JsonDocument.Parse(PlanJson.Serialize(plan));
        var root = json.RootElement;

        Assert.Equal(["id", "intent", "created", "fingerprint", "steps", "preconditions"], root.EnumerateObject().Select(p => p.Name).Take(6));
        Assert.Equal("2026-01-01T00:00:00+00:00", root.GetProperty("created").GetString());
        var step = root.GetProperty("steps")[1];
        Assert.Equal(["index", "tool", "arguments", "effect", "rationale", "depends_on", "verdict"], step.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal(2, step.GetProperty("index").GetInt32());
        Assert.Equal("write", step.GetProperty("effect").GetString());
        Assert.Equal([1], step.GetProperty("depends_on").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("needs-approval", step.GetProperty("verdict").GetProperty("decision").GetString());
        Assert.Equal("disruptive", root.GetProperty("steps")[0].GetProperty("effect").GetString());
        Assert.Equal("allow", root.GetProperty("steps")[0].GetProperty("verdict").GetProperty("decision").GetString());
        Assert.Equal("guest-on-node", root.GetProperty("preconditions")[0].GetProperty("fact").GetString());
    }

    [Fact]
    public void RoundTrip_EveryActionAndPreconditionKind_IsLossless()
    {
        var plan = EveryKind();

        var json = PlanJson.Serialize(plan);
        var back = PlanJson.Deserialize(json);

        Assert.Equal(json, PlanJson.Serialize(back));
        Assert.Equal(plan.Steps.Select(s => s.Action), back.Steps.Select(s => s.Action));
        Assert.Equal(plan.Steps.Select(s => s.Compensation), back.Steps.Select(s => s.Compensation));
        Assert.Equal(plan.Preconditions, back.Preconditions);
        Assert.Equal(plan.Steps.Select(s => s.Verdict.Decision), back.Steps.Select(s => s.Verdict.Decision));
        Assert.Equal(plan.Steps.SelectMany(s => s.Verdict.Reasons), back.Steps.SelectMany(s => s.Verdict.Reasons));
        Assert.True(JsonElement.DeepEquals(plan.Steps[0].Arguments, back.Steps[0].Arguments));
        Assert.Equal((plan.Id, plan.Intent, plan.CreatedAt, plan.Fingerprint, plan.Summary, plan.Planner, plan.PromptVersion),
            (back.Id, back.Intent, back.CreatedAt, back.Fingerprint, back.Summary, back.Planner, back.PromptVersion));
        Assert.Equal(plan.Notes, back.Notes);
        Assert.Equal(plan.Steps[1].DependsOn, back.Steps[1].DependsOn);
        Assert.Equal(plan.Steps[0].Preconditions, back.Steps[0].Preconditions);
    }

    [Fact]
    public void Serialize_EveryActionKind_HasItsJsonName()
    {
        var names = EveryKind().Steps.Select(s => PlanJson.ActionName(s.Action));

        Assert.Equal(
        [
            "guest.start", "guest.shutdown", "guest.stop", "guest.reboot", "guest.migrate", "guest.clone", "guest.delete", "container.create",
            "snapshot.create", "snapshot.delete", "snapshot.rollback", "gpu.assign", "gpu.release", "node.wake", "task.run",
        ], names);
    }

    [Fact]
    public void ActionName_OfAnActionTypeThePlanFormatDoesNotKnow_IsNull()
    {
        Assert.Null(PlanJson.ActionName(new MysteryAction()));
    }

    [Fact]
    public void Serialize_PlanWithAnUnknownActionType_SaysItCannotBeWritten()
    {
        var plan = Some.Plan("p-000001", [Some.Step(1, new MysteryAction())]);

        var error = Assert.Throws<PlanFormatException>(() => PlanJson.Serialize(plan));

        Assert.StartsWith("The plan cannot be written as JSON:", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MysteryAction), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ArgumentOfTheWrongType_NamesThePathOfTheBadValue()
    {
        var json = PlanJson.Serialize(Some.ThreeSteps()).Replace("\"vm_id\": 105", "\"vm_id\": \"jellyfin\"", StringComparison.Ordinal);

        var error = Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize(json));

        Assert.StartsWith("The plan is not valid:", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.steps[0].action.guest.vm_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownActionKind_IsRejected()
    {
        var json = PlanJson.Serialize(Some.ThreeSteps()).Replace("\"guest.start\"", "\"guest.format-disk\"", StringComparison.Ordinal);

        var error = Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize(json));

        Assert.Contains("guest.format-disk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_DecisionWrittenAsANumber_IsRejected()
    {
        var json = PlanJson.Serialize(Some.ThreeSteps()).Replace("\"decision\": \"allow\"", "\"decision\": 0", StringComparison.Ordinal);

        Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize(json));
    }

    [Fact]
    public void Deserialize_ActionMissingARequiredField_IsRejected()
    {
        var json = PlanJson.Serialize(Some.ThreeSteps()).Replace("\"target_node\": \"brian\",", "", StringComparison.Ordinal);

        var error = Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize(json));

        Assert.Contains("target_node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EffectEditedByHand_DoesNotChangeTheEffectOfTheAction()
    {
        var json = PlanJson.Serialize(Some.ThreeSteps()).Replace("\"effect\": \"disruptive\"", "\"effect\": \"read\"", StringComparison.Ordinal);

        var plan = PlanJson.Deserialize(json);

        Assert.Equal(ToolEffect.Disruptive, plan.Steps[0].Effect);
    }

    [Fact]
    public void Deserialize_NullOrNotJson_IsAPlanFormatError()
    {
        Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize("null"));
        Assert.Throws<PlanFormatException>(() => PlanJson.Deserialize("{ not json"));
    }

    [Fact]
    public void Serialize_WithARedactor_MasksTheSecretInEveryStringButNothingElse()
    {
        var redactor = new SecretRedactor();
        redactor.Register("s3cr3t-token-value");
        var plan = Some.ThreeSteps() with { Intent = "use s3cr3t-token-value", Notes = ["token s3cr3t-token-value seen"] };
        plan = plan with { Steps = [plan.Steps[0] with { Arguments = Some.Arguments("""{"nested": {"list": ["x s3cr3t-token-value"]}, "n": 3}""") }, .. plan.Steps.Skip(1)] };

        var back = PlanJson.Deserialize(PlanJson.Serialize(plan, redactor));

        Assert.Equal("use ***", back.Intent);
        Assert.Equal(["token *** seen"], back.Notes);
        Assert.Equal("""{"nested":{"list":["x ***"]},"n":3}""", JsonSerializer.Serialize(back.Steps[0].Arguments));
        Assert.Equal(plan.Steps[0].Action, back.Steps[0].Action);
    }

    [Fact]
    public void SerializeReport_HasTheIssueShape()
    {
        var report = new ApplyReport
        {
            PlanId = "p-3f9a1c",
            Status = ApplyStatus.Failed,
            Steps =
            [
                new StepReport { Index = 1, Status = StepStatus.Succeeded, Upid = "UPID:pve3:00001234:00001234:65920000:vzmigrate:105:root@pam:" },
                new StepReport { Index = 2, Status = StepStatus.Failed, Error = "snapshot failed" },
                new StepReport { Index = 3, Status = StepStatus.Skipped },
            ],
            Compensations = [new CompensationReport { Step = 1, Status = StepStatus.Succeeded }],
            Summary = "Step 2 of 3 failed.",
        };

        using var json = JsonDocument.Parse(PlanJson.SerializeReport(report));
        var root = json.RootElement;

        Assert.Equal(["plan_id", "status", "steps"], root.EnumerateObject().Select(p => p.Name).Take(3));
        Assert.Equal("failed", root.GetProperty("status").GetString());
        var step = root.GetProperty("steps")[1];
        Assert.Equal(["index", "status", "upid", "error"], step.EnumerateObject().Select(p => p.Name).Take(4));
        Assert.Equal(("failed", JsonValueKind.Null, "snapshot failed"), (step.GetProperty("status").GetString(), step.GetProperty("upid").ValueKind, step.GetProperty("error").GetString()));
        Assert.Equal("skipped", root.GetProperty("steps")[2].GetProperty("status").GetString());
        Assert.Equal(report.Steps, PlanJson.DeserializeReport(PlanJson.SerializeReport(report)).Steps);
    }

    private static Plan EveryKind()
    {
        var vm = Some.Ref(201);
        var ct = Some.Ref(105);
        PlanStep[] steps =
        [
            Some.Step(1, new StartGuestAction(Some.Ref(110)), new ShutdownGuestAction(Some.Ref(110), 60, ForceStop: true),
                preconditions: [new GuestStatusPrecondition(Some.Ref(110), "stopped"), new GuestUnlockedPrecondition(Some.Ref(110))]),
            Some.Step(2, new ShutdownGuestAction(ct, 120), dependsOn: [1]),
            Some.Step(3, new StopGuestAction(ct)),
            Some.Step(4, new RebootGuestAction(vm), decision: PolicyDecision.NeedsApproval),
            Some.Step(5, new MigrateGuestAction(ct, "brian", Online: false, Restart: true), new MigrateGuestAction(ct with { Node = "brian" }, "pve3", false, true)),
            Some.Step(6, new CloneGuestAction(Some.Ref(9000), 120, "clone-1", "pve3", Full: true), new DeleteGuestAction(new GuestRef { VmId = 120, Type = GuestType.Qemu, Node = "pve3", Name = "clone-1" })),
            Some.Step(7, new DeleteGuestAction(Some.Ref(110)), decision: PolicyDecision.Deny),
            Some.Step(8, new CreateContainerAction("pve3", 130, "local:vztmpl/debian-12.tar.zst", "worker", 2048, 2, "local-lvm", Start: true)),
            Some.Step(9, new CreateSnapshotAction(vm, "before", "taken by the plan", IncludeRam: true), new DeleteSnapshotAction(vm, "before")),
            Some.Step(10, new DeleteSnapshotAction(vm, "old")),
            Some.Step(11, new RollbackSnapshotAction(vm, "before")),
            Some.Step(12, new AssignGpuAction(vm, "hostpci3", "rtx3090-2", IsMapping: true), new ReleaseGpuAction(vm, "hostpci3", "mapping=rtx3090-2")),
            Some.Step(13, new ReleaseGpuAction(vm, "hostpci0", null)),
            Some.Step(14, new WakeNodeAction("edge-tt", "brian")),
            Some.Step(15, new RunTaskAction("transcribe", "whisper-large-v3", null, "/mnt/nas/meeting.wav", "edge-tt", "whisper")),
        ];
        return Some.Plan("p-abcdef", steps,
        [
            new GuestOnNodePrecondition(ct, "pve3"),
            new GuestStatusPrecondition(vm, "running"),
            new GuestUnlockedPrecondition(vm),
            new GuestAbsentPrecondition(120),
            new NodeStatusPrecondition("edge-tt", NodeStatus.Asleep),
            new NodeFreeMemoryPrecondition("pve3", 8 * Some.GiB),
        ]) with
        {
            Planner = "llm:qwen2.5:14b",
            PromptVersion = "planner-v3",
            Notes = ["brian has 3 GPUs, 2 busy", "pve3 has 20 GiB free"],
        };
    }

    private sealed record MysteryAction : ClusterAction
    {
        public override ToolEffect Effect => ToolEffect.Write;

        public override string Describe() => "do something nobody described";
    }
}
