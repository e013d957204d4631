using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>The hardware model behind the servers: load times, warm models, memory limits, keep-alive, concurrency.</summary>
public sealed class InferenceWorldTests
{
    private const string Gpu1 = "10.0.0.5";
    private static readonly AcceleratorProfile Rtx3060 = AcceleratorProfiles.Find(AcceleratorKind.Nvidia, "RTX 3060");

    private static SimRequest OllamaChat(string model, int tokens, string keepAlive = "") =>
        SimWorld.Post(Gpu1, 11434, "/api/chat",
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}],"stream":false,"options":{"num_predict":{{tokens}}}{{keepAlive}}}""");

    private static async Task<IReadOnlyList<string>> PsNames(SimWorld world) =>
        [.. SimWorld.Json(await world.Run(SimWorld.Get(Gpu1, 11434, "/api/ps"))).GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];

    [Fact]
    public async Task ColdRequest_TakesTheLoadTimeLongerThanTheSameRequestWarm()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b", "qwen2.5:7b"));

        var (coldResponse, cold) = await world.Timed(OllamaChat("qwen2.5:7b", 20));
        var (warmResponse, warm) = await world.Timed(OllamaChat("qwen2.5:7b", 20));

        var model = ModelCatalog.Find("qwen2.5:7b");
        var load = PerformanceModel.LoadSeconds(model, Rtx3060);
        Assert.InRange((cold - warm).TotalSeconds, load - 0.003, load + 0.003);
        // Warm: 20 tokens at the bandwidth-bound decode rate, plus a few milliseconds of prompt.
        var decode = 20 / PerformanceModel.DecodeTokensPerSecond(model, Rtx3060);
        Assert.InRange(warm.TotalSeconds, decode, decode + 0.02);
        Assert.InRange(SimWorld.Json(coldResponse).GetProperty("load_duration").GetInt64() / 1e9, load - 0.001, load + 0.001);
        Assert.True(SimWorld.Json(warmResponse).GetProperty("load_duration").GetInt64() < 10_000_000);
    }

    [Fact]
    public async Task SecondRequest_FindsTheModelWarmInApiPs()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b", "qwen2.5:7b"));
        Assert.DoesNotContain("qwen2.5:7b", await PsNames(world));

        await world.Run(OllamaChat("qwen2.5:7b", 5));

        Assert.Contains("qwen2.5:7b", await PsNames(world));
        Assert.True(world.Service("gpu1", "ollama").Models.Single(m => m.Name == "qwen2.5:7b").IsReady);
    }

    [Fact]
    public async Task LoadingAModelThatDoesNotFit_EvictsTheLeastRecentlyUsedIdleModel()
    {
        // 12 GB: qwen2.5:7b (5.6 GB) and llama3.1:8b (5.9 GB) fit together; llama3.2:3b (2.4 GB) then needs room.
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("qwen2.5:7b", "llama3.1:8b", "llama3.2:3b"));
        await world.Run(OllamaChat("llama3.1:8b", 5));
        await world.Run(OllamaChat("qwen2.5:7b", 5));
        Assert.Equal(["llama3.1:8b", "qwen2.5:7b"], (await PsNames(world)).Order());

        await world.Run(OllamaChat("llama3.2:3b", 5));

        Assert.Equal(["llama3.2:3b", "qwen2.5:7b"], (await PsNames(world)).Order());
        Assert.All(world.Service("gpu1", "ollama").Models, m => Assert.Equal(m.SizeGb, m.VramGb));
    }

    [Fact]
    public async Task ModelLargerThanDeviceMemory_RunsPartlyOnTheCpu()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b", "llama-3.3-70b"));

        await world.Run(OllamaChat("llama-3.3-70b", 2));
        var ps = SimWorld.Json(await world.Run(SimWorld.Get(Gpu1, 11434, "/api/ps")));

        var big = ps.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "llama-3.3-70b:latest");
        Assert.True(big.GetProperty("size_vram").GetInt64() < big.GetProperty("size").GetInt64());
        Assert.True(big.GetProperty("size_vram").GetInt64() <= 12_000_000_000);
    }

    [Fact]
    public async Task IdleModel_IsUnloadedWhenItsKeepAliveExpires()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b", "qwen2.5:7b"));
        await world.Run(OllamaChat("qwen2.5:7b", 5, ""","keep_alive":"1m" """.TrimEnd()));
        var finishedAt = world.Now;

        var ps = SimWorld.Json(await world.Run(SimWorld.Get(Gpu1, 11434, "/api/ps")));
        var expiresAt = DateTimeOffset.Parse(
            ps.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "qwen2.5:7b").GetProperty("expires_at").GetString()!,
            CultureInfo.InvariantCulture);
        Assert.InRange((expiresAt - finishedAt).TotalSeconds, 59.99, 60.0);

        world.Advance(TimeSpan.FromSeconds(59));
        Assert.Contains("qwen2.5:7b", await PsNames(world));
        world.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain("qwen2.5:7b", await PsNames(world));
    }

    [Fact]
    public async Task MoreRequestsThanConcurrentStreams_SlowTheNewcomerDown()
    {
        // pve3 runs llama.cpp on its CPU, which serves 2 streams at full speed.
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        SimRequest Request() => SimWorld.Post(SomeLab.Pve3, 8080, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":10}""");
        var start = world.Now;
        var first = world.Send(Request());
        var second = world.Send(Request());
        var third = world.Send(Request());

        await world.Drive(first);
        var alone = world.Now - start;
        Assert.True(second.IsCompleted);
        await world.Drive(third);
        var crowded = world.Now - start;

        Assert.InRange(crowded.TotalSeconds / alone.TotalSeconds, 1.45, 1.55);
    }

    [Fact]
    public async Task CancelledRequest_IsNoLongerInFlight()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b"));
        using var cancellation = new CancellationTokenSource();
        var request = world.Send(OllamaChat("llama3.2:3b", 500), cancellation.Token);
        world.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, world.Service("gpu1", "ollama").InFlight);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(0, world.Service("gpu1", "ollama").InFlight);
    }

    [Fact]
    public async Task ResidentServerWhoseWeightsDoNotFit_FailsToStartWithAnOutOfMemoryError()
    {
        var config = SomeLab.Single(
            new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 500, Models = ["llama-3.3-70b"] },
            new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 1, VramGb = 24 });
        var world = SimWorld.Seeded(config);

        var response = await world.Send(SimWorld.Get("10.0.0.9", 8000, "/v1/models"));

        Assert.True(response.ConnectionRefused);
        var status = world.Service("node1", "vllm");
        Assert.False(status.IsUp);
        Assert.StartsWith("torch.OutOfMemoryError: CUDA out of memory.", status.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeededHomeLab_HasEveryServerUpWithItsModelsWarm()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var services = world.Inference.GetServices(world.Context);

        Assert.All(services, s => Assert.True(s.IsUp, $"{s.Node}/{s.Service}: {s.Failure}"));
        Assert.All(services.Where(s => s.Kind != ServiceKind.Ollama), s => Assert.All(s.Models, m => Assert.True(m.IsReady)));
        Assert.Equal(["llama3.2:3b"], services.Single(s => s.Kind == ServiceKind.Ollama).Models.Select(m => m.Name));
        // edge-tt: whisper and two vLLM servers share one 12 GB n150; residents stay within 90 % of it.
        Assert.InRange(services.Where(s => s.Node == "edge-tt").Sum(s => s.Models.Sum(m => m.VramGb)), 10.0, 12 * 0.9 + 1e-9);
        Assert.Equal(200, (await world.Run(SimWorld.Get(SomeLab.EdgeTt, 8001, "/v1/models"))).Status);
    }

    [Fact]
    public async Task TimeScale_ShortensTheWaitButNotTheReportedDurations()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b"), new InferenceSimulatorOptions { TimeScale = 0.25 });

        var (response, elapsed) = await world.Timed(OllamaChat("llama3.2:3b", 200));

        var body = SimWorld.Json(response);
        var evalSeconds = body.GetProperty("eval_duration").GetInt64() / 1e9;
        var expected = 200 / PerformanceModel.DecodeTokensPerSecond(ModelCatalog.Find("llama3.2:3b"), Rtx3060);
        Assert.InRange(evalSeconds, expected - 0.001, expected + 0.001);
        var total = body.GetProperty("total_duration").GetInt64() / 1e9;
        Assert.InRange(elapsed.TotalSeconds, (total * 0.25) - 0.003, (total * 0.25) + 0.003);
    }

    [Fact]
    public void AcceleratorLoads_PlaceResidentModelsAcrossTheNodesGpus()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var loads = world.Inference.GetAcceleratorLoads("brian", world.Context);

        Assert.Equal(3, loads.Count);
        // 70B over two cards, 32B on the third, Ollama's 3B in what is left: every card holds memory.
        Assert.All(loads, l => Assert.InRange(l.MemoryUsedGb, 1, l.MemoryTotalGb));
        Assert.InRange(loads.Sum(l => l.MemoryUsedGb), 60, 72);
        Assert.Contains(loads, l => l.Processes.Any(p => p.ProcessName == "/usr/local/bin/ollama"));
        Assert.All(loads, l => Assert.Equal(0, l.Busy));
    }

    [Fact]
    public async Task AcceleratorLoads_ShowARunningRequestAsBusy()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b"));
        var request = world.Send(OllamaChat("llama3.2:3b", 300));
        world.Advance(TimeSpan.FromMilliseconds(500));

        var load = Assert.Single(world.Inference.GetAcceleratorLoads("gpu1", world.Context));

        Assert.True(load.Busy > 0);
        Assert.InRange(load.MemoryUsedGb, 2.39, 2.41);
        await world.Drive(request);
        Assert.Equal(0, Assert.Single(world.Inference.GetAcceleratorLoads("gpu1", world.Context)).Busy);
    }

    [Fact]
    public async Task GeneratedText_IsTheSameForTheSamePromptAndSeed()
    {
        var one = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b"));
        var two = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b"));

        var a = Content(await one.Run(OllamaChat("llama3.2:3b", 30)));
        var b = Content(await two.Run(OllamaChat("llama3.2:3b", 30)));
        var other = Content(await two.Run(SimWorld.Post(Gpu1, 11434, "/api/chat", """{"model":"llama3.2:3b","messages":[{"role":"user","content":"something else"}],"stream":false,"options":{"num_predict":30}}""")));

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);

        static string Content(SimResponse response) => SimWorld.Json(response).GetProperty("message").GetProperty("content").GetString()!;
    }
}
