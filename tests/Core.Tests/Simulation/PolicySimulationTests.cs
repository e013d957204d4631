using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class PolicySimulationTests
{
    [Fact]
    public void Loads_OfTwoColdModelsOnOneNode_RunOneAfterTheOtherFromItsDisk()
    {
        var (a, b) = (ModelCatalog.Find("qwen2.5:7b"), ModelCatalog.Find("mistral-nemo"));
        var gpu = AcceleratorProfiles.Find(AcceleratorKind.Nvidia, "RTX 3090");
        var simulation = new PolicySimulation(new SimulatedCluster(OneGpuNode(1), SimulationOptions.Default), new RoundRobinPolicy());

        simulation.Run([Chat(0, 0, a.Name), Chat(1, 0, b.Name)], 1);

        var started = simulation.Finished.ToDictionary(t => t.ModelName!, t => t.StartedAt);
        Assert.Equal(PerformanceModel.LoadSeconds(a, gpu), started[a.Name], 9);
        // Both arrived at 0; the second load starts when the disk is done with the first.
        Assert.Equal(PerformanceModel.LoadSeconds(a, gpu) + PerformanceModel.LoadSeconds(b, gpu), started[b.Name], 9);
    }

    [Fact]
    public void Eviction_IdleModelThatCannotMakeRoomAlone_StaysLoadedForItsNextTask()
    {
        // One 24 GB GPU: mistral-nemo (8.5 GB) is busy for a minute, qwen2.5:7b (5.6 GB) has finished. A 19.3 GB model
        // arrives: unloading the idle 7b would free 15.5 GB, not enough, so the 7b must stay warm while the big load waits.
        var simulation = new PolicySimulation(new SimulatedCluster(OneGpuNode(1), SimulationOptions.Default), new RoundRobinPolicy());
        SimTask[] tasks =
        [
            Chat(0, 0, "mistral-nemo", outputTokens: 4000),
            Chat(1, 0, "qwen2.5:7b", outputTokens: 100),
            Chat(2, 20, "llama-3.1-8b-instruct", outputTokens: 100),
            Chat(3, 30, "qwen2.5:7b", outputTokens: 100),
        ];

        var result = simulation.Run(tasks, 2);

        var again = Assert.Single(simulation.Finished, t => t.Task.Id == 3);
        Assert.True(again.WarmHit);
        Assert.Equal(3, result.ModelLoads);
        var big = Assert.Single(simulation.Finished, t => t.Task.Id == 2);
        Assert.True(big.ServedAt > 50, $"the big model should wait for mistral-nemo's work to end, it got memory at {big.ServedAt:0.0} s");
    }

    [Fact]
    public void Utilisation_ManyRequestsOnAOneGpuModel_CountsThatGpuOnly()
    {
        var simulation = new PolicySimulation(new SimulatedCluster(OneGpuNode(3), SimulationOptions.Default), new RoundRobinPolicy());

        var result = simulation.Run([.. Enumerable.Range(0, 3).Select(i => Chat(i, 0, "llama3.1:8b"))], 1);

        // One of the three GPUs is busy from the load until the last request ends; the run lasts its full minute.
        var busy = simulation.Finished.Max(t => t.FinishedAt);
        Assert.Equal(60, result.SimulatedSeconds);
        Assert.Equal(busy / (3 * 60.0), result.Utilization, 9);
    }

    [Fact]
    public void Utilisation_OneRequestOnAModelSpanningTwoGpus_CountsBothGpus()
    {
        var simulation = new PolicySimulation(new SimulatedCluster(OneGpuNode(3), SimulationOptions.Default), new RoundRobinPolicy());

        var result = simulation.Run([Chat(0, 0, "llama-3.3-70b", outputTokens: 100)], 1);

        var task = Assert.Single(simulation.Finished);
        Assert.Equal(2, task.Resident!.Devices.Length);
        Assert.Equal(task.FinishedAt * 2 / (3 * 60.0), result.Utilization, 9);
    }

    [Fact]
    public void Finished_ColdTask_SplitsItsTimeIntoModelLoadAndWork()
    {
        var simulation = new PolicySimulation(new SimulatedCluster(OneGpuNode(1), SimulationOptions.Default), new RoundRobinPolicy());

        simulation.Run([Chat(0, 5, "llama3.1:8b")], 1);

        var task = Assert.Single(simulation.Finished);
        Assert.Equal(5, task.ServedAt);
        Assert.Equal(5 + PerformanceModel.LoadSeconds(ModelCatalog.Find("llama3.1:8b"), AcceleratorProfiles.Find(AcceleratorKind.Nvidia, "RTX 3090")), task.StartedAt, 9);
        Assert.Equal(task.StartedAt + task.WorkSeconds, task.FinishedAt, 9);
        Assert.False(task.WarmHit);
    }

    [Fact]
    public void PveAgent_OnTheLlmHeavySampleLab_KeepsVllmsModelsOutOfOllama()
    {
        // brian's Ollama could pull the 70B and 32B that its vLLM is configured for; a second copy only fights for memory.
        var options = SimulationOptions.Default;
        var simulation = new PolicySimulation(new SimulatedCluster(SampleCluster.Config, options), new PveAgentPolicy(options.Routing, options.LatencyRefreshSeconds));

        simulation.Run(WorkloadGenerator.Generate(WorkloadProfile.LlmHeavy, 20, 42), 20);

        var large = simulation.Finished.Where(t => t.ModelName is "llama-3.3-70b" or "qwen-2.5-32b").ToList();
        Assert.NotEmpty(large);
        Assert.All(large, t => Assert.Equal("vllm", t.Service!.Name));
    }

    [Fact]
    public void PveAgent_JobsBeyondWhatTheCpusRunAtFullSpeed_SpreadOverEveryCapableNode()
    {
        // Three CPU nodes of two streams each: after six jobs every CPU reads 100 %, and only the scheduler's job count
        // tells the router where the next one waits least.
        var config = new ClusterConfig
        {
            Cluster = new ClusterSettings { Name = "cpus" },
            Nodes = [.. new[] { "a", "b", "c" }.Select(n => new NodeConfig { Name = n, Host = n, Capabilities = [Capabilities.Preprocessing] })],
        };
        var tasks = Enumerable.Range(0, 12)
            .Select(i => new SimTask(i, i * 0.5, new TaskRequest { Type = TaskType.Preprocessing, Size = new TaskSize { JobSeconds = 60 } }))
            .ToList();
        var options = SimulationOptions.Default;
        var simulation = new PolicySimulation(new SimulatedCluster(config, options), new PveAgentPolicy(options.Routing, options.LatencyRefreshSeconds));

        simulation.Run(tasks, 1);

        Assert.Equal([4, 4, 4], simulation.Finished.GroupBy(t => t.Group.Node.Name).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    private static SimTask Chat(int id, double at, string model, int outputTokens = 256) =>
        new(id, at, new TaskRequest { Type = TaskType.LlmInference, Model = model, Size = new TaskSize { PromptTokens = 200, OutputTokens = outputTokens } });

    private static ClusterConfig OneGpuNode(int gpus) => new()
    {
        Cluster = new ClusterSettings { Name = "one" },
        Nodes =
        [
            new NodeConfig
            {
                Name = "gpu",
                Host = "gpu",
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = gpus, VramGb = 24 }],
                Capabilities = [Capabilities.LlmInference],
                Services = [new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434 }],
            },
        ],
    };
}
