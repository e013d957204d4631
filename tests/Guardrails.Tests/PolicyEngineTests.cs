using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Tests;

public sealed class PolicyEngineTests
{
    private static readonly GuardrailPolicy Autonomous = new() { Mode = GuardrailMode.Autonomous };

    public static TheoryData<GuardrailMode, string, PolicyDecision> ModeTable() => new()
    {
        { GuardrailMode.ReadOnly, "write", PolicyDecision.Deny },
        { GuardrailMode.ReadOnly, "disruptive", PolicyDecision.Deny },
        { GuardrailMode.ReadOnly, "destructive", PolicyDecision.Deny },
        { GuardrailMode.ApproveWrites, "write", PolicyDecision.NeedsApproval },
        { GuardrailMode.ApproveWrites, "disruptive", PolicyDecision.NeedsApproval },
        { GuardrailMode.ApproveWrites, "destructive", PolicyDecision.NeedsApproval },
        { GuardrailMode.ApproveDisruptive, "write", PolicyDecision.Allow },
        { GuardrailMode.ApproveDisruptive, "disruptive", PolicyDecision.NeedsApproval },
        { GuardrailMode.ApproveDisruptive, "destructive", PolicyDecision.NeedsApproval },
        { GuardrailMode.Autonomous, "write", PolicyDecision.Allow },
        { GuardrailMode.Autonomous, "disruptive", PolicyDecision.Allow },
        { GuardrailMode.Autonomous, "destructive", PolicyDecision.NeedsApproval },
    };

    [Theory]
    [MemberData(nameof(ModeTable))]
    public void Mode_DecidesByTheEffectOfTheStep(GuardrailMode mode, string effect, PolicyDecision expected)
    {
        ClusterAction action = effect switch
        {
            "write" => Some.StartSandbox(),
            "disruptive" => Some.StopSandbox(),
            _ => Some.DeleteSandbox(),
        };

        var verdict = Evaluate(new GuardrailPolicy { Mode = mode }, Some.Plan(action));

        Assert.Equal(expected, verdict.Decision);
    }

    [Fact]
    public void ReadOnlyMode_SaysWhyAndHowToAllowChanges()
    {
        var verdict = Evaluate(new GuardrailPolicy { Mode = GuardrailMode.ReadOnly }, Some.Plan(Some.StartSandbox()));

        Assert.Equal("the guardrails are in read-only mode, so no change to the cluster is allowed (set guardrails.mode to approve-writes to allow changes after approval)",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void AutonomousMode_DestructiveStep_StillNeedsApprovalAndSaysSo()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(Some.DeleteSandbox()));

        Assert.Equal("mode autonomous: destructive changes (deleting, rolling back) always need approval", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void ApproveWrites_InferenceOnARunningService_RunsWithoutAskingAndSaysWhy()
    {
        var run = new RunTaskAction("llm-inference", "llama-3.3-70b", "hi", null, "brian", "vllm");

        var verdict = Evaluate(GuardrailPolicy.Default, Some.Plan(run));

        Assert.Equal(PolicyDecision.Allow, verdict.Decision);
        Assert.Contains("changes nothing in the cluster", verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ApproveWrites_InferenceThatStartsAGuest_StillNeedsApproval()
    {
        var run = new RunTaskAction("llm-inference", "llama3.2:3b", "hi", null, "brian", "ollama", PowersOn: true);

        Assert.Equal(PolicyDecision.NeedsApproval, Evaluate(GuardrailPolicy.Default, Some.Plan(run)).Decision);
    }

    [Fact]
    public void ReadOnly_InferenceOnARunningService_IsStillDenied()
    {
        var run = new RunTaskAction("llm-inference", "llama-3.3-70b", "hi", null, "brian", "vllm");

        Assert.Equal(PolicyDecision.Deny, Evaluate(new GuardrailPolicy { Mode = GuardrailMode.ReadOnly }, Some.Plan(run)).Decision);
    }

    [Fact]
    public void DefaultPolicy_IsApproveWrites()
    {
        var verdict = Evaluate(GuardrailPolicy.Default, Some.Plan(Some.StartSandbox()));

        Assert.Equal(PolicyDecision.NeedsApproval, verdict.Decision);
        Assert.Equal("mode approve-writes: every change needs approval", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void ProtectedTag_DisruptiveActionOnTheGuest_IsDeniedNamingTheTag()
    {
        var policy = Autonomous with { Protected = new ProtectedResources { Tags = ["prod"] } };

        var verdict = Evaluate(policy, Some.Plan(new StopGuestAction(Some.Ref(100))));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.Equal("VM 100 (homeassistant) is protected (tag 'prod'): disruptive actions on it are not allowed (stop VM 100 (homeassistant) on pve3 (hard stop))",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void ProtectedId_WriteToTheGuest_NeedsApprovalEvenInAutonomousMode()
    {
        var policy = Autonomous with { Protected = new ProtectedResources { GuestIds = [100] } };

        var verdict = Evaluate(policy, Some.Plan(new CreateSnapshotAction(Some.Ref(100), "before-update")));

        Assert.Equal(PolicyDecision.NeedsApproval, verdict.Decision);
        Assert.Equal(
            ["mode autonomous: write changes run without asking", "VM 100 (homeassistant) is protected (id 100 is listed): every change to it needs approval"],
            verdict.Reasons);
    }

    [Fact]
    public void ProtectedName_DestructiveAction_IsDenied()
    {
        var policy = Autonomous with { Protected = new ProtectedResources { GuestNames = ["HomeAssistant"] } };

        var verdict = Evaluate(policy, Some.Plan(new RollbackSnapshotAction(Some.Ref(100), "yesterday")));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.StartsWith("VM 100 (homeassistant) is protected (name 'homeassistant' is listed): destructive actions", Assert.Single(verdict.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectedNode_StopOfAGuestOnIt_IsDenied_AndAMigrationIntoIt_NeedsApproval()
    {
        var policy = Autonomous with { Protected = new ProtectedResources { Nodes = ["pve3"] } };

        var stop = Evaluate(policy, Some.Plan(new StopGuestAction(Some.Ref(301))));
        var moveIn = Evaluate(policy, Some.Plan(new MigrateGuestAction(Some.Ref(202), "pve3", Online: false)));

        Assert.Equal(PolicyDecision.Deny, stop.Decision);
        Assert.StartsWith("CT 301 (llamacpp) is protected (it is on protected node pve3)", Assert.Single(stop.Reasons), StringComparison.Ordinal);
        Assert.Equal(PolicyDecision.NeedsApproval, moveIn.Decision);
        Assert.Contains("node pve3 is protected: every change to it needs approval", moveIn.Reasons);
    }

    [Fact]
    public void DeniedTool_IsDenied()
    {
        var policy = Autonomous with { DeniedTools = ["delete_guest"] };

        var verdict = Evaluate(policy, Some.PlanOf([Some.Step(1, Some.DeleteSandbox(), tool: "delete_guest")]));

        Assert.Equal((PolicyDecision.Deny, "tool 'delete_guest' is denied by guardrails.denied_tools"), (verdict.Decision, Assert.Single(verdict.Reasons)));
    }

    [Fact]
    public void AllowedTools_ToolOutsideTheList_IsDenied_AndOneInIt_IsNot()
    {
        var policy = Autonomous with { AllowedTools = ["start_guest", "snapshot_guest"] };

        var outside = Evaluate(policy, Some.PlanOf([Some.Step(1, Some.StopSandbox(), tool: "stop_guest")]));
        var inside = Evaluate(policy, Some.PlanOf([Some.Step(1, Some.StartSandbox(), tool: "start_guest")]));

        Assert.Equal("tool 'stop_guest' is not in guardrails.allowed_tools (allowed: start_guest, snapshot_guest)", Assert.Single(outside.Reasons));
        Assert.Equal(PolicyDecision.Allow, inside.Decision);
    }

    [Fact]
    public void UndoStep_FollowsTheListsOfTheToolItUndoes()
    {
        var policy = Autonomous with { DeniedTools = ["migrate_guest"] };
        var undo = Some.PlanOf([Some.Step(1, Some.MigrateJellyfinToBrian(), tool: UndoPlanner.ToolPrefix + "migrate_guest")]);

        var verdict = new PolicyEngine(policy, Catalog()).Evaluate(undo, undo.Steps[0], Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal("tool 'migrate_guest' is denied by guardrails.denied_tools", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void ToolCatalog_UnknownTool_IsDeniedByDefault()
    {
        var plan = Some.PlanOf([Some.Step(1, Some.StartSandbox(), tool: "start_everything")]);

        var verdict = new PolicyEngine(Autonomous, Catalog()).Evaluate(plan, plan.Steps[0], Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal((PolicyDecision.Deny, "tool 'start_everything' is not in the tool catalog, so it is denied by default"), (verdict.Decision, Assert.Single(verdict.Reasons)));
    }

    [Fact]
    public void ToolCatalog_ToolDeclaredWriteWithADestructiveStep_IsDeniedAsInconsistent()
    {
        var plan = Some.PlanOf([Some.Step(1, Some.DeleteSandbox(), tool: "start_guest")]);

        var verdict = new PolicyEngine(Autonomous, Catalog()).Evaluate(plan, plan.Steps[0], Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.StartsWith("tool 'start_guest' is declared write but its step is destructive", Assert.Single(verdict.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownActionType_IsDeniedByDefault()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(new FormatDiskAction()));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.Equal("the guardrails do not know the action FormatDiskAction (format every disk), so it is denied by default", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void ArgumentsThatAreNotAnObject_AreDenied()
    {
        var plan = Some.PlanOf([Some.Step(1, Some.StartSandbox()) with { Arguments = Some.Arguments("[110]") }]);

        var verdict = Evaluate(Autonomous, plan);

        Assert.Equal("the arguments of step 1 are not a JSON object (got a list), so the call cannot be checked", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void StepsOverTheLimit_DenyEveryStepWithTheCount()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MaxStepsPerPlan = 2 } };
        var plan = Some.Plan(Some.StartSandbox(), new CreateSnapshotAction(Some.Ref(201), "a"), new CreateSnapshotAction(Some.Ref(201), "b"));

        var verdicts = new PolicyEngine(policy).Evaluate(plan, Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.All(verdicts, v => Assert.Equal(
            (PolicyDecision.Deny, "the plan has 3 steps and the guardrails allow at most 2 per plan (guardrails.limits.max_steps_per_plan); split it into smaller plans"),
            (v.Decision, Assert.Single(v.Reasons))));
    }

    [Fact]
    public void MigrationsPerHour_CountsTheLastHourOfOtherPlansAndThisPlansEarlierSteps()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MaxMigrationsPerHour = 6 } };
        var history = new PolicyHistory
        {
            Migrations =
            [
                .. Enumerable.Range(1, 5).Select(i => new PastMigration("p-0000aa", i, Some.Now.AddMinutes(-10 * i))),
                new PastMigration("p-0000bb", 1, Some.Now.AddMinutes(-61)),
                // The plan's own earlier journal entry: counted from its steps, not twice.
                new PastMigration("p-000001", 1, Some.Now.AddMinutes(-1)),
            ],
        };
        var plan = Some.Plan(Some.MigrateJellyfinToBrian(), new MigrateGuestAction(Some.Ref(301), "brian", Online: false));

        var verdicts = new PolicyEngine(policy).Evaluate(plan, Some.Lab(), history, Some.Now);

        Assert.NotEqual(PolicyDecision.Deny, verdicts[0].Decision);
        Assert.Equal(PolicyDecision.Deny, verdicts[1].Decision);
        Assert.Equal(
            "this would be migration 7 within an hour (5 already started in the last hour, 2 in this plan up to this step); the guardrails allow 6 per hour (guardrails.limits.max_migrations_per_hour)",
            Assert.Single(verdicts[1].Reasons));
    }

    [Fact]
    public void ConcurrentMigrations_AtTheLimit_DenyAnotherNamingTheRunningOne()
    {
        var snapshot = Some.Lab().With(202, g => g with { Lock = "migrate" });

        var verdict = Evaluate(Autonomous, Some.Plan(Some.MigrateJellyfinToBrian()), snapshot: snapshot);

        Assert.Equal(
            "1 migration is running now (CT 202 (ollama)); the guardrails allow 1 at a time (guardrails.limits.max_concurrent_migrations): wait until it finishes",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void MigrationsSwitchedOff_DenyEveryMigration()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MaxMigrationsPerHour = 0 } };

        var verdict = Evaluate(policy, Some.Plan(Some.MigrateJellyfinToBrian()));

        Assert.Equal("migrations are switched off (guardrails.limits.max_migrations_per_hour is 0)", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void MigrationTarget_OverTheMemoryCeilingWithTheGuest_IsDeniedWithTheNumbers()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(new MigrateGuestAction(Some.Ref(201), "pve3", Online: true)));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.Equal(
            "after moving VM 201 (vllm-brian) there, pve3 would use 188 % of its memory (60 of 32 GiB); a migration target may use at most 85 % (guardrails.limits.migration_target_max_memory)",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void MigrationTarget_OverTheCpuCeilingWithTheGuest_IsDeniedWithTheNumbers()
    {
        var snapshot = Some.Lab().WithNode("pve3", n => n with { Cpu = 0.8 });

        var verdict = Evaluate(Autonomous, Some.Plan(new MigrateGuestAction(Some.Ref(202), "pve3", Online: false, Restart: true)), snapshot: snapshot);

        Assert.Equal(
            "after moving CT 202 (ollama) there, pve3 would use 105 % of its CPU (8.4 of 8 cores busy); a migration target may use at most 85 % (guardrails.limits.migration_target_max_cpu)",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void MigrationTarget_UnderTheCeilings_IsAllowedWithTheFiguresAfterTheMove()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(Some.MigrateJellyfinToBrian()));

        Assert.Equal(PolicyDecision.Allow, verdict.Decision);
        Assert.Contains("brian after the move: CPU 36 %, memory 51 % (ceilings 85 % and 85 %)", verdict.Reasons);
    }

    [Fact]
    public void MigrationTarget_AddsTheLoadOfThePlansEarlierMigrationsToIt()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MigrationTargetMaxMemory = 0.52, MaxMigrationsPerHour = 10 } };
        var plan = Some.Plan(Some.MigrateJellyfinToBrian(), new MigrateGuestAction(Some.Ref(301), "brian", Online: false));

        var verdicts = new PolicyEngine(policy).Evaluate(plan, Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal(PolicyDecision.Allow, verdicts[0].Decision);
        Assert.Equal(PolicyDecision.Deny, verdicts[1].Decision);
        Assert.StartsWith("after moving CT 301 (llamacpp) there, brian would use 52 % of its memory (67 of 128 GiB)", Assert.Single(verdicts[1].Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void GpuAssign_LeavingLessThanTheMinimumFreeVram_IsDenied()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MinFreeVramGib = 30 } };

        var verdict = Evaluate(policy, Some.Plan(new AssignGpuAction(Some.Ref(201), "hostpci3", "0000:41:00.0", IsMapping: false)));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.Equal(
            "passing '0000:41:00.0' through to VM 201 (vllm-brian) leaves brian with 24.6 GiB of free accelerator memory for other work; the guardrails keep at least 30 GiB free (guardrails.limits.min_free_vram_gib)",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void GpuAssign_OfAKnownBusyDevice_KeepsTheOthersFreeAndIsAllowed()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MinFreeVramGib = 30 } };

        var verdict = Evaluate(policy, Some.Plan(new AssignGpuAction(Some.Ref(201), "hostpci3", "GPU-0000", IsMapping: true)));

        Assert.Equal(PolicyDecision.Allow, verdict.Decision);
        Assert.Contains("brian keeps 44.1 GiB of free accelerator memory (at least 30 GiB required)", verdict.Reasons);
    }

    [Fact]
    public void MaintenanceWindow_DisruptiveOutsideIt_IsDeniedNamingTheNextWindow()
    {
        var policy = Autonomous with { MaintenanceWindows = [Weekend()] };

        var verdict = Evaluate(policy, Some.Plan(Some.StopSandbox()));

        Assert.Equal(PolicyDecision.Deny, verdict.Decision);
        Assert.Equal(
            "disruptive actions may only run in a maintenance window and none is open now; the next opens Sat 2026-01-03 02:00 Europe/Berlin (in 1 d 13 h, window Sat, Sun 02:00–05:00 (Europe/Berlin))",
            Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void MaintenanceWindow_DisruptiveInsideIt_IsAllowedAndSaysWhichWindow()
    {
        var policy = Autonomous with { MaintenanceWindows = [Weekend()] };
        var saturdayThreeAmBerlin = new DateTimeOffset(2026, 1, 3, 2, 0, 0, TimeSpan.Zero);

        var verdict = Evaluate(policy, Some.Plan(Some.StopSandbox()), now: saturdayThreeAmBerlin);

        Assert.Equal(PolicyDecision.Allow, verdict.Decision);
        Assert.Contains("inside the maintenance window Sat, Sun 02:00–05:00 (Europe/Berlin)", verdict.Reasons);
    }

    [Fact]
    public void MaintenanceWindow_DoesNotRestrictReversibleChanges()
    {
        var policy = Autonomous with { MaintenanceWindows = [Weekend()] };

        var verdict = Evaluate(policy, Some.Plan(Some.StartSandbox()));

        Assert.Equal(PolicyDecision.Allow, verdict.Decision);
    }

    [Fact]
    public void Target_GuestThatDoesNotExist_IsDenied_UnlessAnEarlierStepCreatesIt()
    {
        var ghost = new GuestRef { VmId = 120, Type = GuestType.Qemu, Node = "pve3", Name = "clone-1" };
        var alone = Some.Plan(new StartGuestAction(ghost));
        var afterClone = Some.Plan(new CloneGuestAction(Some.Ref(9000), 120, "clone-1", "pve3", Full: true), new StartGuestAction(ghost));

        var denied = Evaluate(Autonomous, alone);
        var allowed = new PolicyEngine(Autonomous).Evaluate(afterClone, Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal("VM 120 (clone-1) does not exist in the cluster", Assert.Single(denied.Reasons));
        Assert.All(allowed, v => Assert.Equal(PolicyDecision.Allow, v.Decision));
    }

    [Fact]
    public void Target_IdAlreadyTaken_IsDenied()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(new CloneGuestAction(Some.Ref(9000), 105, "clone", null, Full: false)));

        Assert.Equal("id 105 is already taken by CT 105 (jellyfin) on pve3", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void Target_NodeAsleep_IsDenied_UnlessAnEarlierStepWakesIt()
    {
        var move = new MigrateGuestAction(Some.Ref(202), "edge-tt", Online: false);

        var denied = Evaluate(Autonomous, Some.Plan(move));
        var woken = new PolicyEngine(Autonomous).Evaluate(Some.Plan(new WakeNodeAction("edge-tt", "brian"), move), Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal("node edge-tt is asleep: wake it in an earlier step", Assert.Single(denied.Reasons));
        Assert.All(woken, v => Assert.NotEqual(PolicyDecision.Deny, v.Decision));
    }

    [Fact]
    public void Target_MigrationToTheNodeTheGuestIsOn_IsDenied()
    {
        var verdict = Evaluate(Autonomous, Some.Plan(new MigrateGuestAction(Some.Ref(105), "pve3", Online: false)));

        Assert.Equal("CT 105 (jellyfin) is already on pve3", Assert.Single(verdict.Reasons));
    }

    [Fact]
    public void Composition_FirstDenialWins_AndIsTheOnlyReason()
    {
        // Denied tool (rule 2), read-only mode (rule 4) and a protected guest (rule 5) all deny: the tool list speaks first.
        var policy = new GuardrailPolicy { Mode = GuardrailMode.ReadOnly, DeniedTools = ["stop_guest"], Protected = new ProtectedResources { GuestIds = [100] } };
        var plan = Some.PlanOf([Some.Step(1, new StopGuestAction(Some.Ref(100)), tool: "stop_guest")]);

        var verdict = Evaluate(policy, plan);

        Assert.Equal((PolicyDecision.Deny, "tool 'stop_guest' is denied by guardrails.denied_tools"), (verdict.Decision, Assert.Single(verdict.Reasons)));
    }

    [Fact]
    public void Composition_WithoutDenial_TheStrictestDecisionWinsAndEveryRuleThatSpokeIsListedInOrder()
    {
        var policy = Autonomous with { Protected = new ProtectedResources { Nodes = ["brian"] } };

        var verdict = Evaluate(policy, Some.Plan(Some.MigrateJellyfinToBrian()));

        Assert.Equal(PolicyDecision.NeedsApproval, verdict.Decision);
        Assert.Equal(
        [
            "mode autonomous: write changes run without asking",
            "node brian is protected: every change to it needs approval",
            "brian after the move: CPU 36 %, memory 51 % (ceilings 85 % and 85 %)",
        ], verdict.Reasons);
    }

    [Fact]
    public void WithVerdicts_SetsTheVerdictOfEveryStep()
    {
        var plan = Some.Plan(Some.StartSandbox(), Some.DeleteSandbox());

        var evaluated = new PolicyEngine(Autonomous).WithVerdicts(plan, Some.Lab(), PolicyHistory.Empty, Some.Now);

        Assert.Equal([PolicyDecision.Allow, PolicyDecision.NeedsApproval], evaluated.Steps.Select(s => s.Verdict.Decision));
        Assert.True(evaluated.NeedsApproval);
    }

    private static PolicyVerdict Evaluate(GuardrailPolicy policy, Plan plan, int step = 1, ClusterSnapshot? snapshot = null, DateTimeOffset? now = null) =>
        new PolicyEngine(policy).Evaluate(plan, plan.Steps[step - 1], snapshot ?? Some.Lab(), PolicyHistory.Empty, now ?? Some.Now);

    private static MaintenanceWindow Weekend() => new()
    {
        Days = [DayOfWeek.Saturday, DayOfWeek.Sunday],
        From = TimeSpan.FromHours(2),
        To = TimeSpan.FromHours(5),
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
    };

    private static Dictionary<string, ToolEffect> Catalog() => new()
    {
        ["start_guest"] = ToolEffect.Write,
        ["stop_guest"] = ToolEffect.Disruptive,
        ["migrate_guest"] = ToolEffect.Disruptive,
        ["delete_guest"] = ToolEffect.Destructive,
    };

    private sealed record FormatDiskAction : ClusterAction
    {
        public override ToolEffect Effect => ToolEffect.Destructive;

        public override string Describe() => "format every disk";
    }
}
