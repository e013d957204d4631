using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Routing;

public sealed class RouterTests
{
    private readonly Router _router = new();

    [Fact]
    public void Route_WarmModelOnBusyNode_BeatsColdIdleNode()
    {
        var snapshot = Some.Cluster()
            .Gpu("busy", usedGb: 6).Service("busy", "ollama", ServiceKind.Ollama, loaded: ["llama3.1:8b"], running: 20)
            .Gpu("idle").Service("idle", "ollama", ServiceKind.Ollama)
            .Build();

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);

        Assert.Equal(["busy", "idle"], decision.Candidates.Select(c => c.Node));
        var warm = decision.Candidates[0];
        Assert.True(warm.Warm);
        Assert.Equal(30, Part(warm, "warm-model").Value);
        Assert.True(Part(warm, "load").Value < -10, "20 of 32 streams busy should cost the warm node real points");
        var cold = decision.Candidates[1];
        Assert.False(cold.Warm);
        Assert.Contains("not loaded", Part(cold, "cold-start").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ColdStartPenalty_GrowsWithModelSizeAsTheHardwareModelEstimates()
    {
        var snapshot = Some.Cluster().Gpu("brian", count: 3).Service("brian", "ollama", ServiceKind.Ollama).Build();

        var small = _router.Route(Some.Llm("llama3.2:3b"), snapshot, RoutingOptions.Default).Best!;
        var large = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default).Best!;

        // 2 s overhead + 2.0 GB at 3 GB/s; 70B: 2 s + 39.5 GB over two 3090s capped at 6 GB/s.
        Assert.Equal(-(2 + (2.0 / 3)), Part(small, "cold-start").Value, 3);
        Assert.Equal(-(2 + (39.5 / 6)), Part(large, "cold-start").Value, 3);
        Assert.Equal(2, large.Devices);
    }

    [Fact]
    public void Route_ModelLargerThanFreeVram_ExcludesNodeWithReason()
    {
        var snapshot = Some.Cluster()
            .Gpu("crowded", usedGb: 10).Service("crowded", "ollama", ServiceKind.Ollama)
            .Gpu("roomy").Service("roomy", "ollama", ServiceKind.Ollama)
            .Build();

        var decision = _router.Route(Some.Llm("qwen2.5:32b"), snapshot, RoutingOptions.Default);

        Assert.Equal("roomy", Assert.Single(decision.Candidates).Node);
        var rejection = Assert.Single(decision.Rejected);
        Assert.Equal(("crowded", "ollama"), (rejection.Node, rejection.Service));
        Assert.Contains("needs 23.9 GB", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("14 GB free", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ModelLargerThanAllDevicesTogether_ExcludesNodeWithReason()
    {
        var snapshot = Some.Cluster().Tenstorrent("edge-tt", capabilities: [Capabilities.LlmInference])
            .Service("edge-tt", "vllm", ServiceKind.Vllm, models: ["llama-3.3-70b"]).Build();

        var decision = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default);

        Assert.False(decision.Found);
        Assert.Contains("more than its 1 × 12 GB wormhole-n150 can hold", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_FreeVramHeldByThisServicesOwnModels_IsACandidateThatPaysForTheEviction()
    {
        var snapshot = Some.Cluster()
            .Gpu("solo", usedGb: 20).Service("solo", "ollama", ServiceKind.Ollama, loaded: ["mistral-nemo", "llama3.1:8b"])
            .Build();

        var best = _router.Route(Some.Llm("qwen2.5:7b"), snapshot, RoutingOptions.Default).Best!;

        var eviction = Part(best, "eviction");
        Assert.Equal(-10, eviction.Value);
        Assert.Contains("mistral-nemo", eviction.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_MemoryHeldByABusyService_IsACandidateThatWaitsForIt()
    {
        // vllm holds qwen-2.5-32b (23.9 GB) and is serving: ollama's cold load must wait for it to finish.
        var snapshot = Some.Cluster()
            .Gpu("solo", usedGb: 23.9).Service("solo", "vllm", ServiceKind.Vllm, models: ["qwen-2.5-32b"], loaded: ["qwen-2.5-32b"], running: 2)
            .Service("solo", "ollama", ServiceKind.Ollama, pulled: ["mistral-nemo"])
            .Build();

        var best = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default).Best!;

        Assert.Equal("ollama", best.Service);
        Assert.Equal(-30, Part(best, "memory-wait").Value);
        Assert.Contains("qwen-2.5-32b of vllm", Part(best, "eviction").Reason, StringComparison.Ordinal);
        Assert.True(best.EstimatedLatencyMs > 30_000);
    }

    [Fact]
    public void Route_AsleepNode_ChosenOnlyWhenNoAwakeNodeCan()
    {
        var both = Some.Cluster()
            .Gpu("awake", usedGb: 0).Service("awake", "ollama", ServiceKind.Ollama, running: 60, waiting: 10)
            .Gpu("sleeper", status: NodeStatus.Asleep).Service("sleeper", "ollama", ServiceKind.Ollama, reachable: false)
            .Build();
        var onlySleeper = Some.Cluster()
            .Gpu("sleeper", status: NodeStatus.Asleep).Service("sleeper", "ollama", ServiceKind.Ollama, reachable: false)
            .Build();

        var withAwake = _router.Route(Some.Llm("llama3.1:8b"), both, RoutingOptions.Default);
        var alone = _router.Route(Some.Llm("llama3.1:8b"), onlySleeper, RoutingOptions.Default);

        Assert.Equal(["awake", "sleeper"], withAwake.Candidates.Select(c => c.Node));
        Assert.False(withAwake.Best!.NeedsWake);
        var woken = alone.Best!;
        Assert.Equal("sleeper", woken.Node);
        Assert.True(woken.NeedsWake);
        Assert.Equal(-90, Part(woken, "wake").Value);
    }

    [Fact]
    public void Route_OfflineNodeWithoutWakeOnLan_IsExcludedWithTheFix()
    {
        var snapshot = Some.Cluster().Gpu("gone", status: NodeStatus.Offline).Service("gone", "ollama", ServiceKind.Ollama, reachable: false).Build();

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);

        Assert.False(decision.Found);
        Assert.Contains("wake_on_lan", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_SpeechToText_GoesToTenstorrentNodeWhereItIsTheCapableDevice()
    {
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 3, capabilities: [Capabilities.LlmInference, Capabilities.Training])
            .Service("brian", "ollama", ServiceKind.Ollama, models: ["llama3.2:3b"])
            .Tenstorrent("edge-tt")
            .Service("edge-tt", "whisper", ServiceKind.Whisper, models: ["whisper-large-v3"])
            .Service("edge-tt", "vllm", ServiceKind.Vllm, models: ["llama-3.2-3b-instruct"])
            .Build();

        var decision = _router.Route(Some.Task(TaskType.SpeechToText), snapshot, RoutingOptions.Default);

        var best = Assert.Single(decision.Candidates);
        Assert.Equal(("edge-tt", "whisper", AcceleratorKind.Tenstorrent), (best.Node, best.Service, best.Accelerator));
        Assert.Equal("whisper-large-v3", best.Model);
        Assert.Contains(decision.Rejected, r => r.Node == "brian" && r.Reason.Contains("'speech-to-text'", StringComparison.Ordinal));
        Assert.Contains(decision.Rejected, r => r is { Node: "edge-tt", Service: "vllm" } && r.Reason.Contains("no speech-to-text model", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_PinnedNode_IsTheOnlyCandidateAndTheOthersSayWhy()
    {
        var snapshot = TwoIdleNodes();

        var decision = _router.Route(Some.Llm("llama3.1:8b", new TaskConstraints { PinNode = "B" }), snapshot, RoutingOptions.Default);

        Assert.Equal("b", Assert.Single(decision.Candidates).Node);
        Assert.Equal("the task is pinned to node 'B'", Assert.Single(decision.Rejected).Reason);
    }

    [Fact]
    public void Route_AvoidedNode_IsExcluded()
    {
        var decision = _router.Route(Some.Llm("llama3.1:8b", new TaskConstraints { AvoidNodes = ["a"] }), TwoIdleNodes(), RoutingOptions.Default);

        Assert.Equal("b", Assert.Single(decision.Candidates).Node);
        Assert.Equal("a", Assert.Single(decision.Rejected).Node);
    }

    [Fact]
    public void Route_IdenticalNodes_TieBreakByNodeNameWhateverTheSnapshotOrder()
    {
        var snapshot = Some.Cluster()
            .Gpu("b").Service("b", "ollama", ServiceKind.Ollama)
            .Gpu("a").Service("a", "ollama", ServiceKind.Ollama)
            .Build();

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);

        Assert.Equal(decision.Candidates[0].Score, decision.Candidates[1].Score);
        Assert.Equal(["a", "b"], decision.Candidates.Select(c => c.Node));
    }

    [Fact]
    public void Route_SameInputs_GiveTheSameDecisionEveryTime()
    {
        var snapshot = Some.Cluster()
            .Gpu("a", usedGb: 5).Service("a", "ollama", ServiceKind.Ollama, loaded: ["llama3.1:8b"], running: 7, waiting: 2)
            .Gpu("b").Service("b", "ollama", ServiceKind.Ollama)
            .Tenstorrent("c", capabilities: [Capabilities.SmallLlmInference]).Service("c", "vllm", ServiceKind.Vllm, models: ["llama3.1:8b"])
            .Build();
        var task = Some.Llm("llama3.1:8b");

        var first = Describe(_router.Route(task, snapshot, RoutingOptions.Default));
        var again = Describe(new Router().Route(task, RoutingIndex.Build(snapshot), RoutingOptions.Default));

        Assert.Equal(first, again);
        Assert.Contains("c/vllm", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_FallbackChain_IsOrderedBestFirstAndListsEveryFeasibleService()
    {
        var snapshot = Some.Cluster()
            .Gpu("cold-busy").Service("cold-busy", "ollama", ServiceKind.Ollama, running: 30, waiting: 5)
            .Gpu("warm", usedGb: 6).Service("warm", "ollama", ServiceKind.Ollama, loaded: ["llama3.1:8b"])
            .Gpu("cold-idle").Service("cold-idle", "ollama", ServiceKind.Ollama)
            .Build();

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);

        Assert.Equal(["warm", "cold-idle", "cold-busy"], decision.Candidates.Select(c => c.Node));
        Assert.True(decision.Candidates.Zip(decision.Candidates.Skip(1)).All(p => p.First.Score > p.Second.Score));
    }

    [Fact]
    public void Route_MaxCandidates_CutsTheChainAndCountsTheRest()
    {
        var options = RoutingOptions.Default with { MaxCandidates = 1 };

        var decision = _router.Route(Some.Llm("llama3.1:8b"), TwoIdleNodes(), options);

        Assert.Single(decision.Candidates);
        Assert.Equal(1, decision.OmittedCandidates);
    }

    [Fact]
    public void Route_PowerCost_IsATieBreakerSizedPartWithDefaultWeights()
    {
        // Two CPU nodes alike but for their power: "a" would win the name tie-break, the thrifty "b" wins on power.
        var snapshot = Some.Cluster()
            .Node("a", AcceleratorKind.Cpu, "cpu", 0, 0, null, [Capabilities.Preprocessing], NodeStatus.Online, new PowerProfile { IdleWatts = 100, MaxWatts = 500 }, 90)
            .Node("b", AcceleratorKind.Cpu, "cpu", 0, 0, null, [Capabilities.Preprocessing], NodeStatus.Online, new PowerProfile { IdleWatts = 20, MaxWatts = 70 }, 90)
            .Build();

        var decision = _router.Route(Some.Task(TaskType.Preprocessing), snapshot, RoutingOptions.Default);

        Assert.Equal(["b", "a"], decision.Candidates.Select(c => c.Node));
        var hungry = Part(decision.Candidates[1], "power-cost");
        // 400 W for a 60 s job = 6.7 Wh, at 0.30/kWh 0.2 cent: a fifth of a point, less than one second of service time.
        Assert.Equal(-0.2, hungry.Value, 3);
        Assert.Contains("400 W", hungry.Reason, StringComparison.Ordinal);
        Assert.True(Math.Abs(hungry.Value) < Math.Abs(Part(decision.Candidates[1], "service-time").Value) / 100);
    }

    [Fact]
    public void Route_InferenceRequest_PowerCostIsAHundredthOfAPoint()
    {
        var best = _router.Route(Some.Llm("llama3.1:8b"), TwoIdleNodes(), RoutingOptions.Default).Best!;

        var power = Part(best, "power-cost").Value;

        Assert.InRange(power, -0.05, -0.0001);
    }

    [Fact]
    public void Route_StoppedGuest_IsNotAnExclusionButCostsTheStartTime()
    {
        var snapshot = Some.Cluster()
            .Gpu("a").Service("a", "ollama", ServiceKind.Ollama, reachable: false, guest: 202).Guest(202, "a", GuestType.Qemu)
            .Build();

        var best = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default).Best!;

        Assert.True(best.NeedsGuestStart);
        Assert.Equal(-30, Part(best, "guest-start").Value);
        Assert.Contains("VM 202 is stopped", Part(best, "guest-start").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_UnreachableServiceWhoseGuestRuns_IsExcluded()
    {
        var snapshot = Some.Cluster()
            .Gpu("a").Service("a", "ollama", ServiceKind.Ollama, reachable: false, guest: 202).Guest(202, "a", status: "running")
            .Build();

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);

        Assert.False(decision.Found);
        Assert.Contains("connection refused", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_VllmServesOnlyItsModels_WhileOllamaServesWhatItHasPulled()
    {
        var snapshot = Some.Cluster()
            .Gpu("a").Service("a", "vllm", ServiceKind.Vllm, models: ["qwen-2.5-32b"])
            .Gpu("b").Service("b", "ollama", ServiceKind.Ollama, models: ["llama3.2:3b"], pulled: ["llama3.2:3b", "mistral-nemo"])
            .Build();

        var decision = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default);

        Assert.Equal("b", Assert.Single(decision.Candidates).Node);
        Assert.Contains("serves only its configured models (qwen-2.5-32b)", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OllamaThatNeverPulledTheModel_IsExcludedWithThePullCommand()
    {
        var snapshot = Some.Cluster()
            .Gpu("b").Service("b", "ollama", ServiceKind.Ollama, pulled: ["llama3.2:3b"])
            .Build();

        var decision = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default);

        Assert.False(decision.Found);
        Assert.Contains("ollama pull mistral-nemo", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OllamaPullsOnDemand_MakesAnUnpulledModelACandidate()
    {
        var snapshot = Some.Cluster()
            .Gpu("b").Service("b", "ollama", ServiceKind.Ollama, pulled: ["llama3.2:3b"])
            .Build();

        var decision = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default with { OllamaPullsOnDemand = true });

        Assert.Equal("b", decision.Best?.Node);
    }

    [Fact]
    public void Route_ColdModelListedUnderAnotherServiceOfTheNode_LoadsThereRatherThanAsASecondCopyInOllama()
    {
        // brian's layout: vLLM is configured for the 70B, the Ollama beside it could pull it too; both are cold.
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 3)
            .Service("brian", "vllm", ServiceKind.Vllm, models: ["llama-3.3-70b"])
            .Service("brian", "ollama", ServiceKind.Ollama, models: ["llama3.2:3b"], pulled: ["llama3.2:3b"])
            .Build();

        var decision = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default with { OllamaPullsOnDemand = true });

        Assert.Equal(["vllm", "ollama"], decision.Candidates.Select(c => c.Service));
        Assert.DoesNotContain(decision.Best!.Parts, p => p.Name == "second-copy");
        var copy = Part(decision.Candidates[1], "second-copy");
        Assert.Equal(-RoutingOptions.Default.SecondCopyPenalty, copy.Value);
        Assert.Contains("lists llama-3.3-70b under vllm", copy.Reason, StringComparison.Ordinal);
        Assert.Contains("47.4 GB", copy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OllamaThatPulledAModelAnotherServiceHolds_PaysForTheSecondCopyEvenWithoutPullOnDemand()
    {
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 3)
            .Service("brian", "vllm", ServiceKind.Vllm, models: ["llama-3.3-70b"], loaded: ["llama-3.3-70b"], running: 4)
            .Service("brian", "ollama", ServiceKind.Ollama, pulled: ["llama-3.3-70b"])
            .Build();

        var decision = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default);

        var ollama = Assert.Single(decision.Candidates, c => c.Service == "ollama");
        Assert.Contains("which has it loaded", Part(ollama, "second-copy").Reason, StringComparison.Ordinal);
        Assert.Equal("vllm", decision.Best!.Service);
    }

    [Fact]
    public void Route_ModelLoadedByAnotherServiceOfTheNode_IsASecondCopyEvenWhenNoConfigListsIt()
    {
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 2)
            .Service("brian", "ollama-a", ServiceKind.Ollama, loaded: ["mistral-nemo"], running: 40)
            .Service("brian", "ollama-b", ServiceKind.Ollama, pulled: ["mistral-nemo"])
            .Build();

        var decision = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default);

        var copy = Part(Assert.Single(decision.Candidates, c => c.Service == "ollama-b"), "second-copy");
        Assert.StartsWith("ollama-a already has mistral-nemo loaded: loading it in ollama-b too", copy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_SecondCopyAlreadyLoaded_IsUsedWithoutPenalty()
    {
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 3, usedGb: 16)
            .Service("brian", "vllm", ServiceKind.Vllm, models: ["llama-3.3-70b"])
            .Service("brian", "ollama", ServiceKind.Ollama, loaded: ["llama-3.3-70b"])
            .Build();

        var decision = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default with { OllamaPullsOnDemand = true });

        Assert.Equal("ollama", decision.Best!.Service);
        Assert.True(decision.Best.Warm);
        Assert.DoesNotContain(decision.Best.Parts, p => p.Name == "second-copy");
    }

    [Fact]
    public void Route_PullOntoANodeWhereNoOtherServiceHasTheModel_IsNoSecondCopy()
    {
        // The 70B belongs to a's vLLM; pulling it on node b spreads the work, it does not duplicate memory.
        var snapshot = Some.Cluster()
            .Gpu("a", count: 3).Service("a", "vllm", ServiceKind.Vllm, models: ["llama-3.3-70b"])
            .Gpu("b", count: 3).Service("b", "ollama", ServiceKind.Ollama, pulled: [])
            .Build();

        var decision = _router.Route(Some.Llm("llama-3.3-70b"), snapshot, RoutingOptions.Default with { OllamaPullsOnDemand = true });

        Assert.Equal(2, decision.Candidates.Count);
        Assert.All(decision.Candidates, c => Assert.DoesNotContain(c.Parts, p => p.Name == "second-copy"));
    }

    [Fact]
    public void Route_SmallModel_MayUseASmallLlmNode_ButALargeOneMayNot()
    {
        var snapshot = Some.Cluster()
            .Tenstorrent("edge", capabilities: [Capabilities.SmallLlmInference])
            .Service("edge", "vllm", ServiceKind.Vllm, models: ["llama3.1:8b", "mistral-nemo"])
            .Build();

        var small = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default);
        var large = _router.Route(Some.Llm("mistral-nemo"), snapshot, RoutingOptions.Default);

        Assert.True(small.Found);
        Assert.False(large.Found);
        Assert.Contains("12.2B parameters, more than the 8B", Assert.Single(large.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_AcceleratorKindConstraint_ExcludesOtherFamilies()
    {
        var snapshot = Some.Cluster()
            .Gpu("gpu", capabilities: [Capabilities.Embeddings]).Service("gpu", "ollama", ServiceKind.Ollama, models: ["bge-large-en-v1.5"])
            .Tenstorrent("tt").Service("tt", "embed", ServiceKind.Vllm, models: ["bge-large-en-v1.5"])
            .Build();
        var task = Some.Task(TaskType.Embeddings, "bge-large-en-v1.5", constraints: new TaskConstraints { AcceleratorKind = AcceleratorKind.Tenstorrent });

        var decision = _router.Route(task, snapshot, RoutingOptions.Default);

        Assert.Equal("tt", Assert.Single(decision.Candidates).Node);
        Assert.Contains("has no tenstorrent accelerator", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_MaxLatency_ExcludesWhatCannotFinishInTime()
    {
        var snapshot = Some.Cluster()
            .Gpu("warm", usedGb: 6).Service("warm", "ollama", ServiceKind.Ollama, loaded: ["llama3.1:8b"])
            .Gpu("cold").Service("cold", "ollama", ServiceKind.Ollama)
            .Build();

        // Warm: ~2.5 s of work. Cold: ~3.6 s more to load.
        var decision = _router.Route(Some.Llm("llama3.1:8b", new TaskConstraints { MaxLatencyMs = 4000 }), snapshot, RoutingOptions.Default);

        Assert.Equal("warm", Assert.Single(decision.Candidates).Node);
        Assert.Contains("more than max_latency_ms 4000", Assert.Single(decision.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_Deadline_IsComparedWithTheSnapshotTimeNotTheClock()
    {
        var snapshot = TwoIdleNodes();
        var task = Some.Llm("llama3.1:8b", new TaskConstraints { Deadline = Some.Now.AddSeconds(5) });

        var decision = _router.Route(task, snapshot, RoutingOptions.Default);

        Assert.Empty(decision.Candidates);
        Assert.All(decision.Rejected, r => Assert.Contains("after the deadline", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Route_MeasuredLatency_PrefersTheServiceThatHasBeenFaster()
    {
        var snapshot = TwoIdleNodes();
        var latencies = new LatencyWindows();
        for (var i = 0; i < 5; i++)
        {
            latencies.Record("a", "ollama", "llama3.1:8b", 9000);
            latencies.Record("b", "ollama", "llama3.1:8b", 1000);
        }

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default, latencies.Snapshot());

        Assert.Equal("b", decision.Best!.Node);
        var slow = Part(decision.Candidates[1], "measured-latency");
        Assert.Equal(-18, slow.Value, 6);
        Assert.Equal("llama3.1:8b here averaged 9.0 s (p95 9.0 s) over the last 5 requests", slow.Reason);
    }

    [Fact]
    public void Route_MeasuredLatency_JudgesAModelOnlyByItsOwnHistoryOnTheService()
    {
        // On a: a big model has waited 36 s a time, and the small one has been fast. On b: the small one took 4 s.
        var snapshot = TwoIdleNodes();
        var latencies = new LatencyWindows();
        for (var i = 0; i < 5; i++)
        {
            latencies.Record("a", "ollama", "llama-3.3-70b", 36_000);
            latencies.Record("a", "ollama", "llama3.2:3b", 1_000);
            latencies.Record("b", "ollama", "llama3.2:3b", 4_000);
        }

        var decision = _router.Route(Some.Llm("llama3.2:3b"), snapshot, RoutingOptions.Default, latencies.Snapshot());

        Assert.Equal("a", decision.Best!.Node);
        var own = Part(decision.Best, "measured-latency");
        Assert.Equal(-2, own.Value, 6);
        Assert.StartsWith("llama3.2:3b here averaged 1.0 s", own.Reason, StringComparison.Ordinal);
        Assert.Equal(-8, Part(decision.Candidates[1], "measured-latency").Value, 6);
    }

    [Fact]
    public void Route_MeasuredLatency_AModelWithoutSamplesOnTheServiceIsNotChargedAnotherModelsMean()
    {
        // a's Ollama has only ever run the 70B model, slowly; b has no history at all. Nothing is known of the 3B model
        // anywhere, so neither service is charged for it, and the two tie on everything else (a wins on its name).
        var snapshot = TwoIdleNodes();
        var latencies = new LatencyWindows();
        for (var i = 0; i < 5; i++)
        {
            latencies.Record("a", "ollama", "llama-3.3-70b", 36_000);
        }

        var decision = _router.Route(Some.Llm("llama3.2:3b"), snapshot, RoutingOptions.Default, latencies.Snapshot());

        Assert.Equal("a", decision.Best!.Node);
        Assert.All(decision.Candidates, c => Assert.DoesNotContain(c.Parts, p => p.Name == "measured-latency"));
        Assert.Equal(decision.Candidates[0].Score, decision.Candidates[1].Score, 9);
    }

    [Fact]
    public void Route_MeasuredLatency_ModelNamesAreMatchedAsTheSameModel()
    {
        var snapshot = TwoIdleNodes();
        var latencies = new LatencyWindows();
        for (var i = 0; i < 3; i++)
        {
            latencies.Record("A", "Ollama", "Llama3.1:8B:latest", 5_000);
            latencies.Record("b", "ollama", "meta/llama3.1:8b", 1_000);
        }

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default, latencies.Snapshot());

        Assert.Equal("b", decision.Best!.Node);
        Assert.Equal(-10, Part(decision.Candidates[1], "measured-latency").Value, 6);
    }

    [Fact]
    public void Route_MeasuredLatency_AModelNewToAServiceIsChargedItsOwnMeanFromElsewhere_NotAnAdvantage()
    {
        // b has run the 8B model 4 times (6 s each) and a never has, though a's Ollama ran a 70B model for 40 s. a is
        // charged the 8B model's own pooled mean (6 s), not the 70B's, and not nothing: an unmeasured service must not
        // look faster than a measured one merely for lack of data.
        var snapshot = TwoIdleNodes();
        var latencies = new LatencyWindows();
        for (var i = 0; i < 4; i++)
        {
            latencies.Record("a", "ollama", "llama-3.3-70b", 40_000);
            latencies.Record("b", "ollama", "llama3.1:8b", 6_000);
        }

        var decision = _router.Route(Some.Llm("llama3.1:8b"), snapshot, RoutingOptions.Default, latencies.Snapshot());

        var a = Assert.Single(decision.Candidates, c => c.Node == "a");
        var b = Assert.Single(decision.Candidates, c => c.Node == "b");
        Assert.Equal(-12, Part(a, "measured-latency").Value, 6);
        Assert.Equal("llama3.1:8b has too few requests here to judge; across the cluster it averaged 6.0 s over the last 4 requests", Part(a, "measured-latency").Reason);
        Assert.Equal(-12, Part(b, "measured-latency").Value, 6);
        Assert.Equal(a.Score, b.Score, 9);
    }

    [Fact]
    public void Route_ModelNotNamed_UsesAWarmModelOfTheRightKind()
    {
        var snapshot = Some.Cluster()
            .Gpu("a", usedGb: 3, capabilities: [Capabilities.Embeddings])
            .Service("a", "ollama", ServiceKind.Ollama, models: ["llama3.2:3b", "nomic-embed-text"], loaded: ["llama3.2:3b", "nomic-embed-text"])
            .Build();

        var best = _router.Route(Some.Task(TaskType.Embeddings), snapshot, RoutingOptions.Default).Best!;

        Assert.Equal("nomic-embed-text", best.Model);
        Assert.True(best.Warm);
    }

    [Fact]
    public void Route_Training_IsAJobOnTheNodesGpus()
    {
        var snapshot = Some.Cluster()
            .Gpu("brian", count: 3, capabilities: [Capabilities.Training]).Service("brian", "ollama", ServiceKind.Ollama)
            .Cpu("pve3")
            .Build();
        var task = Some.Task(TaskType.Training, constraints: new TaskConstraints { MinVramGb = 40 });

        var decision = _router.Route(task, snapshot, RoutingOptions.Default);

        var best = Assert.Single(decision.Candidates);
        Assert.Equal(("brian", (string?)null, 2), (best.Node, best.Service, best.Devices));
        Assert.Equal("pve3", Assert.Single(decision.Rejected).Node);
    }

    [Fact]
    public void Route_SaturatedCpus_AreToldApartByTheJobsPveAgentRunsThere()
    {
        // Both CPUs read 100 %: only the scheduler's job counts show that a carries three times b's work.
        var built = Some.Cluster().Cpu("a").Cpu("b").Build();
        var snapshot = built with { Nodes = [.. built.Nodes.Select(n => n with { Cpu = 1 })] };
        var jobs = new JobLoad([new(("a", AcceleratorKind.Cpu), 6), new(("b", AcceleratorKind.Cpu), 2)]);
        var task = Some.Task(TaskType.Preprocessing);

        var blind = _router.Route(task, snapshot, RoutingOptions.Default);
        var told = _router.Route(task, snapshot, RoutingOptions.Default, null, jobs);

        Assert.Equal("a", blind.Best!.Node);
        Assert.Equal(blind.Candidates[0].Score, blind.Candidates[1].Score);
        Assert.Equal(["b", "a"], told.Candidates.Select(c => c.Node));
        Assert.Contains("6 PveAgent jobs in flight", Part(told.Candidates[1], "load").Reason, StringComparison.Ordinal);
        Assert.Equal(-RoutingOptions.Default.LoadWeight * 6 / 2, Part(told.Candidates[1], "load").Value, 9);
    }

    [Fact]
    public void Route_CustomTaskType_NeedsTheCustomCapability()
    {
        var snapshot = Some.Cluster()
            .Cpu("fpga-host", capabilities: ["fpga-inference"])
            .Cpu("plain")
            .Build();

        var decision = _router.Route(Some.Task(TaskType.Parse("FPGA-Inference")), snapshot, RoutingOptions.Default);

        Assert.Equal("fpga-host", Assert.Single(decision.Candidates).Node);
    }

    [Fact]
    public void Route_InvalidOptions_ThrowWithEveryProblem()
    {
        var options = RoutingOptions.Default with { LoadWeight = -1, MaxCandidates = 0 };

        var error = Assert.Throws<ArgumentException>(() => _router.Route(Some.Llm("llama3.1:8b"), TwoIdleNodes(), options));

        Assert.Contains("LoadWeight", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxCandidates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_EveryCandidate_ExplainsItsScoreAsTheSumOfItsParts()
    {
        var snapshot = Some.Cluster()
            .Gpu("a", usedGb: 20).Service("a", "ollama", ServiceKind.Ollama, loaded: ["mistral-nemo", "llama3.1:8b"], running: 3, waiting: 1)
            .Gpu("b", status: NodeStatus.Asleep).Service("b", "ollama", ServiceKind.Ollama, reachable: false)
            .Build();

        var decision = _router.Route(Some.Llm("qwen2.5:7b"), snapshot, RoutingOptions.Default);

        Assert.Equal(2, decision.Candidates.Count);
        Assert.All(decision.Candidates, c =>
        {
            Assert.Equal(c.Score, c.Parts.Sum(p => p.Value), 9);
            Assert.All(c.Parts, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        });
    }

    private static ClusterSnapshot TwoIdleNodes() => Some.Cluster()
        .Gpu("a").Service("a", "ollama", ServiceKind.Ollama)
        .Gpu("b").Service("b", "ollama", ServiceKind.Ollama)
        .Build();

    private static ScorePart Part(RouteCandidate candidate, string name) => Assert.Single(candidate.Parts, p => p.Name == name);

    private static string Describe(RouteDecision decision) => string.Join("\n",
        decision.Candidates.Select(c => $"{c.Node}/{c.Service} {c.Score:R} {string.Join(";", c.Parts.Select(p => $"{p.Name}={p.Value:R}:{p.Reason}"))}")
            .Concat(decision.Rejected.Select(r => $"x {r.Node}/{r.Service}: {r.Reason}")));
}
