using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Kernel.Planning;

namespace PveAgent.Kernel.Tests.Planning;

public sealed class RuleBasedPlannerTests
{
    private static readonly RuleBasedPlanner Planner = new();

    /// <summary>Intent → outcome and the steps (tool and arguments, in order) on the sample lab with every node awake.</summary>
    public static TheoryData<string, PlanningOutcome, string[]> Phrasings => new()
    {
        { "status", PlanningOutcome.Answer, [] },
        { "What is running where?", PlanningOutcome.Answer, [] },
        { "what's running on brian", PlanningOutcome.Answer, [] },
        { "where should speech-to-text run", PlanningOutcome.Answer, [] },
        { "where would llama-3.3-70b run", PlanningOutcome.Answer, [] },
        { "start dev-sandbox", PlanningOutcome.Plan, ["start_guest guest=dev-sandbox"] },
        { "start jellyfin", PlanningOutcome.Refused, [] },
        { "stop vm 202", PlanningOutcome.Plan, ["stop_guest guest=vm 202"] },
        { "stop vm 110", PlanningOutcome.Refused, [] },
        { "shut down 201", PlanningOutcome.Plan, ["shutdown_guest guest=201"] },
        { "Please shutdown pihole.", PlanningOutcome.Plan, ["shutdown_guest guest=pihole"] },
        { "reboot the homeassistant vm", PlanningOutcome.Plan, ["reboot_guest guest=the homeassistant vm"] },
        { "restart ollama-brian", PlanningOutcome.Plan, ["reboot_guest guest=ollama-brian"] },
        { "migrate 110 to pve3", PlanningOutcome.Plan, ["migrate_guest guest=110 target=pve3"] },
        { "move pihole to pve3", PlanningOutcome.Plan, ["migrate_guest guest=pihole target=pve3"] },
        { "move jellyfin to brian", PlanningOutcome.Refused, [] },
        { "snapshot 201 as before-upgrade", PlanningOutcome.Plan, ["create_snapshot guest=201 name=before-upgrade"] },
        { "take a snapshot of jellyfin called pre-update", PlanningOutcome.Plan, ["create_snapshot guest=jellyfin name=pre-update"] },
        { "snapshot every VM on brian", PlanningOutcome.Plan, ["create_snapshot guest=105", "create_snapshot guest=110", "create_snapshot guest=201", "create_snapshot guest=202"] },
        {
            "snapshot every VM on brian, then migrate vm 150 to pve3", PlanningOutcome.Plan,
            ["create_snapshot guest=105", "create_snapshot guest=110", "create_snapshot guest=201", "create_snapshot guest=202", "migrate_guest guest=vm 150 target=pve3"]
        },
        {
            "snapshot every VM on brian, then migrate vm 105 to pve3", PlanningOutcome.Plan,
            ["create_snapshot guest=105", "create_snapshot guest=110", "create_snapshot guest=201", "create_snapshot guest=202", "migrate_guest guest=vm 105 target=pve3"]
        },
        { "snapshot every VM on brian, then migrate samba to brian", PlanningOutcome.Refused, [] },
        { "shut down 202; then start 202", PlanningOutcome.Plan, ["shutdown_guest guest=202", "start_guest guest=202"] },
        { "stop 201 and start 110", PlanningOutcome.Plan, ["stop_guest guest=201", "start_guest guest=110"] },
        { "migrate every vm on brian to pve3", PlanningOutcome.Plan, ["migrate_guest guest=105 target=pve3", "migrate_guest guest=110 target=pve3", "migrate_guest guest=202 target=pve3"] },
        { "drain brian", PlanningOutcome.Plan, ["migrate_guest guest=105", "migrate_guest guest=202"] },
        { "wake edge-tt", PlanningOutcome.Refused, [] },
        { "free up the GPUs on brian", PlanningOutcome.Plan, ["shutdown_guest guest=201"] },
        { "transcribe /mnt/nas/meeting.wav", PlanningOutcome.Plan, ["run_task task=speech-to-text file=/mnt/nas/meeting.wav"] },
        { "ask llama-3.3-70b: explain quantum computing, briefly", PlanningOutcome.Plan, ["run_task task=llm-inference model=llama-3.3-70b input=explain quantum computing, briefly"] },
        { "embed 'some text'", PlanningOutcome.Plan, ["run_task task=embeddings input=some text"] },
        // Image generation would run as a job, which PveAgent does not run yet: refused with the reason, no plan.
        { "generate an image of a cat", PlanningOutcome.Refused, [] },
        { "rollback 201 to nightly", PlanningOutcome.Plan, ["rollback_snapshot guest=201 name=nightly"] },
        { "delete snapshot nightly of 201", PlanningOutcome.Plan, ["delete_snapshot guest=201 name=nightly"] },
        { "shut down brian", PlanningOutcome.Refused, [] },
        { "delete vm 110", PlanningOutcome.NotUnderstood, [] },
        { "wipe brian", PlanningOutcome.NotUnderstood, [] },
        { "destroy the jellyfin container", PlanningOutcome.NotUnderstood, [] },
        { "rollback 201", PlanningOutcome.NotUnderstood, [] },
        { "clean up old snapshots", PlanningOutcome.NotUnderstood, [] },
        { "make everything faster", PlanningOutcome.NotUnderstood, [] },
        { "start jellyfin and make coffee", PlanningOutcome.Refused, [] },
        { "", PlanningOutcome.NotUnderstood, [] },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public async Task Plan_EverydayPhrasing_GivesTheExpectedOutcomeAndSteps(string intent, PlanningOutcome outcome, string[] steps)
    {
        var lab = new PlannerLab();

        var result = await Planner.PlanAsync(intent, lab.NewContext());

        Assert.True(outcome == result.Outcome, $"\"{intent}\": expected {outcome}, got {result.Outcome}: {result.Text}");
        Assert.Equal(steps, result.Plan?.Steps.Select(Render) ?? []);
        Assert.True(lab.Reads <= 1, $"\"{intent}\" read the cluster {lab.Reads} times");
    }

    [Fact]
    public async Task Plan_WakeAnAsleepNode_QueuesWakeOnLanThroughAnOnlineNode()
    {
        var lab = new PlannerLab(edgeTt: NodeStatus.Asleep);

        var result = await Planner.PlanAsync("wake edge-tt", lab.NewContext());

        var step = Assert.Single(result.Plan!.Steps);
        Assert.Equal(new WakeNodeAction("edge-tt", "brian"), step.Action);
    }

    [Fact]
    public async Task Plan_TranscriptionWhenTheOnlySpeechNodeSleeps_WakesItFirst()
    {
        var lab = new PlannerLab(edgeTt: NodeStatus.Asleep);

        var result = await Planner.PlanAsync("transcribe /mnt/nas/meeting.wav", lab.NewContext());

        Assert.True(result.Outcome == PlanningOutcome.Plan, result.Text);
        Assert.Equal(["wake_node node=edge-tt", "run_task task=speech-to-text file=/mnt/nas/meeting.wav"], result.Plan!.Steps.Select(Render));
        var run = Assert.IsType<RunTaskAction>(result.Plan.Steps[1].Action);
        Assert.Equal(("edge-tt", "whisper"), (run.Node, run.Service));
        Assert.Equal([1], result.Plan.Steps[1].DependsOn);
    }

    [Fact]
    public async Task Plan_Drain_SkipsTheGpuVmWithTheReasonAndMovesTheRestWhereMemoryIsFreest()
    {
        var result = await Planner.PlanAsync("drain brian", new PlannerLab().NewContext());

        var moves = result.Plan!.Steps.Select(s => Assert.IsType<MigrateGuestAction>(s.Action)).ToList();
        Assert.Equal([(105, "edge-tt", false), (202, "edge-tt", true)], moves.Select(m => (m.Guest.VmId, m.TargetNode, m.Restart)));
        Assert.Contains("VM 201 (vllm-brian) stays on brian: it uses local devices (hostpci0=0000:01:00, hostpci1=0000:02:00, hostpci2=0000:03:00).", result.Plan.Notes);
        Assert.Contains(result.Plan.Notes, n => n.StartsWith("Not moved (stopped or templates): VM 110 (dev-sandbox)", StringComparison.Ordinal));
        Assert.Contains("stays on brian", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_DrainANodeWithNothingMovable_AnswersWhyInsteadOfAnEmptyPlan()
    {
        var result = await Planner.PlanAsync("drain pve3", new PlannerLab().NewContext());

        // homeassistant has a USB device, samba a bind mount; only llamacpp can leave.
        Assert.Equal(PlanningOutcome.Plan, result.Outcome);
        Assert.Equal(["migrate_guest guest=301"], result.Plan!.Steps.Select(Render));
        Assert.Contains(result.Plan.Notes, n => n.StartsWith("VM 100 (homeassistant) stays on pve3: it uses local devices (usb0=host=10c4:ea60)", StringComparison.Ordinal));
        Assert.Contains(result.Plan.Notes, n => n.StartsWith("CT 106 (samba) stays on pve3: it uses local devices (mp0=/mnt/nas/share)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_FreeGpus_ShutsDownTheHolderAndSaysWhichServiceStops()
    {
        var result = await Planner.PlanAsync("free up the GPUs on brian", new PlannerLab().NewContext());

        Assert.IsType<ShutdownGuestAction>(Assert.Single(result.Plan!.Steps).Action);
        Assert.Contains("VM 201 (vllm-brian) holds hostpci0=0000:01:00, hostpci1=0000:02:00, hostpci2=0000:03:00 and is shut down to free them; this stops vllm (vllm) on brian.", result.Plan.Notes);
    }

    [Fact]
    public async Task Plan_FreeGpusOnANodeWhereNoVmHoldsOne_Explains()
    {
        var result = await Planner.PlanAsync("free the gpus on pve3", new PlannerLab().NewContext());

        Assert.Equal(PlanningOutcome.Answer, result.Outcome);
        Assert.StartsWith("No running VM on pve3 passes a GPU through", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MultiClauseWithARefusedPart_PlansNothingAndSaysWhy()
    {
        var result = await Planner.PlanAsync("snapshot every VM on brian, then migrate samba to brian", new PlannerLab().NewContext());

        Assert.Null(result.Plan);
        Assert.Contains("the 4 steps before it were dropped too", result.Text, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.Contains("mp0=/mnt/nas/share", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_SnapshotEveryVm_NotesTheTemplatesLeftOut()
    {
        var result = await Planner.PlanAsync("snapshot all guests on brian as pre-maintenance", new PlannerLab().NewContext());

        Assert.All(result.Plan!.Steps, s => Assert.Equal("pre-maintenance", ((CreateSnapshotAction)s.Action).Name));
        Assert.Contains("Templates are not snapshotted: VM 9000 (ubuntu-24.04-template), CT 9001 (debian-12-template).", result.Plan.Notes);
    }

    [Fact]
    public async Task Plan_NodeNamedAsAGuest_GetsAHintNotAGuess()
    {
        var result = await Planner.PlanAsync("shut down brian", new PlannerLab().NewContext());

        Assert.Equal("brian is a node, not a guest: say \"drain brian\" to move its guests off, or name a guest.", Assert.Single(result.Problems));
    }

    [Theory]
    [InlineData("delete vm 110")]
    [InlineData("wipe brian")]
    [InlineData("rollback 201")]
    [InlineData("remove jellyfin")]
    public async Task Plan_DestructiveWordWithoutANamedSnapshot_IsNeverPlanned(string intent)
    {
        var lab = new PlannerLab();

        var result = await Planner.PlanAsync(intent, lab.NewContext());

        Assert.Equal(PlanningOutcome.NotUnderstood, result.Outcome);
        Assert.Contains("never planned for you", result.Text, StringComparison.Ordinal);
        Assert.Empty(lab.Api.Calls);
    }

    [Fact]
    public async Task Plan_NotUnderstood_ShowsExamplesAndReadsNothing()
    {
        var lab = new PlannerLab();

        var result = await Planner.PlanAsync("make everything faster", lab.NewContext());

        Assert.StartsWith("I did not understand \"make everything faster\".", result.Text, StringComparison.Ordinal);
        Assert.Contains("drain brian", result.Examples);
        Assert.Equal(0, lab.Reads);
    }

    [Fact]
    public async Task Plan_Question_AnswersInTextWithTheDataAlongside()
    {
        var result = await Planner.PlanAsync("what is running on brian", new PlannerLab().NewContext());

        Assert.Equal("Running on brian: VM 105 (jellyfin), VM 201 (vllm-brian), CT 202 (ollama-brian).", result.Text);
        Assert.Equal(3, Assert.Single(result.Data).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Plan_WhereShouldSpeechToTextRun_NamesTheServiceAndTheReasons()
    {
        var result = await Planner.PlanAsync("where should speech-to-text run", new PlannerLab().NewContext());

        Assert.StartsWith("speech-to-text would run on edge-tt/whisper with whisper-large-v3 (wormhole-n150)", result.Text, StringComparison.Ordinal);
        Assert.Contains("Excluded: brian: does not declare the capability 'speech-to-text'", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Status_SummarisesNodesAndGuests()
    {
        var result = await Planner.PlanAsync("status", new PlannerLab().NewContext());

        Assert.StartsWith("homelab (simulated): 3 nodes, 9 of 10 guests running.", result.Text, StringComparison.Ordinal);
        Assert.Contains("brian (online): CPU 0 %, memory 70.8 of 125.7 GiB, 3 running, 3x RTX 3090", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Built_IsARuleBasedPlanWithPendingVerdictsAndInitialFacts()
    {
        var lab = new PlannerLab();

        var result = await Planner.PlanAsync("shut down 202; then start 202", lab.NewContext());

        var plan = result.Plan!;
        Assert.Equal(("rule-based", "shut down 202; then start 202"), (plan.Planner, plan.Intent));
        Assert.All(plan.Steps, s => Assert.Equal(PolicyVerdict.Pending, s.Verdict));
        Assert.All(plan.Preconditions, p => Assert.True(p.Check(lab.Snapshot).Holds, p.Describe()));
        Assert.Equal(PlanFingerprint.Compute(plan.Preconditions, lab.Snapshot), plan.Fingerprint);
        Assert.StartsWith("2 steps (disruptive at most): 1) shut down CT 202 (ollama-brian) on brian; 2) start CT 202 (ollama-brian) on brian.", result.Text, StringComparison.Ordinal);
    }

    private static string Render(PlanStep step) =>
        string.Join(' ', [step.Tool, .. step.Arguments.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")]);
}
