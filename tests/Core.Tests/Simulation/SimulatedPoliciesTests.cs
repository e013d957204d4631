using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class SimulatedPoliciesTests
{
    private static readonly SimTask Chat = new(0, 0, new TaskRequest { Type = TaskType.LlmInference, Model = "llama3.1:8b" });

    [Fact]
    public void RoundRobin_CyclesThroughTheCapableServicesInRegistryOrder()
    {
        var cluster = new SimulatedCluster(ThreeGpuNodes(), SimulationOptions.Default);
        var policy = new RoundRobinPolicy();

        var picks = Enumerable.Range(0, 6).Select(_ => policy.Choose(Chat, cluster, 0)!.Node.Name).ToList();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], picks);
    }

    [Fact]
    public void LeastLoaded_PicksTheNodeWithTheLeastLoadPerStream()
    {
        var cluster = new SimulatedCluster(ThreeGpuNodes(), SimulationOptions.Default);
        cluster.FindNode("a")!.Primary.InFlight = 20;
        cluster.FindNode("b")!.Primary.InFlight = 3;
        cluster.FindNode("c")!.Primary.InFlight = 9;

        var pick = new LeastLoadedPolicy().Choose(Chat, cluster, 0)!;

        Assert.Equal("b", pick.Node.Name);
    }

    [Fact]
    public void FifoFirstFit_SkipsNodesWithoutAFreeStream()
    {
        var cluster = new SimulatedCluster(ThreeGpuNodes(), SimulationOptions.Default);
        cluster.FindNode("a")!.Primary.InFlight = 32;

        var pick = new FifoFirstFitPolicy().Choose(Chat, cluster, 0)!;

        Assert.Equal("b", pick.Node.Name);
    }

    [Fact]
    public void Baselines_NeverPickANodeWithoutTheCapability()
    {
        var config = ThreeGpuNodes() with { Nodes = [.. ThreeGpuNodes().Nodes.Select((n, i) => i == 1 ? n with { Capabilities = [Capabilities.Training] } : n)] };
        var cluster = new SimulatedCluster(config, SimulationOptions.Default);
        var policies = new IRoutingPolicy[] { new RoundRobinPolicy(), new RandomPolicy(1), new LeastLoadedPolicy(), new FifoFirstFitPolicy() };

        var picks = policies.SelectMany(p => Enumerable.Range(0, 10).Select(_ => p.Choose(Chat, cluster, 0)!.Node.Name)).ToHashSet();

        Assert.DoesNotContain("b", picks);
    }

    [Fact]
    public void Residency_TwoModelsThatDoNotFitTogether_ReloadOnEveryAlternation()
    {
        // One 12 GB GPU: qwen2.5:7b (5.6 GB) and mistral-nemo (8.5 GB) cannot both stay loaded.
        var cluster = new SimulatedCluster(OneNode("RTX 3060", 12), SimulationOptions.Default);
        var tasks = Enumerable.Range(0, 6)
            .Select(i => new SimTask(i, i * 60, new TaskRequest { Type = TaskType.LlmInference, Model = i % 2 == 0 ? "qwen2.5:7b" : "mistral-nemo" }))
            .ToList();

        var result = new PolicySimulation(cluster, new RoundRobinPolicy()).Run(tasks, 6);

        Assert.Equal(6, result.ModelLoads);
        Assert.Equal(0, result.WarmHitRate);
    }

    [Fact]
    public void Residency_ModelsThatFitTogether_StayWarmAfterTheirFirstLoad()
    {
        var cluster = new SimulatedCluster(OneNode("RTX 3090", 24), SimulationOptions.Default);
        var tasks = Enumerable.Range(0, 6)
            .Select(i => new SimTask(i, i * 60, new TaskRequest { Type = TaskType.LlmInference, Model = i % 2 == 0 ? "qwen2.5:7b" : "mistral-nemo" }))
            .ToList();

        var result = new PolicySimulation(cluster, new RoundRobinPolicy()).Run(tasks, 6);

        Assert.Equal(2, result.ModelLoads);
        Assert.Equal(4 / 6.0, result.WarmHitRate, 9);
    }

    [Fact]
    public void Concurrency_BeyondTheStreams_SharesTheDeviceAndSlowsEveryone()
    {
        // A CPU node serves 2 streams at full speed: four 10 s jobs at once all finish after 20 s.
        var config = new ClusterConfig
        {
            Cluster = new ClusterSettings { Name = "cpu" },
            Nodes = [new NodeConfig { Name = "cpu", Host = "cpu", Capabilities = [Capabilities.Preprocessing] }],
        };
        var job = new TaskRequest { Type = TaskType.Preprocessing, Size = new TaskSize { JobSeconds = 10 } };
        var tasks = Enumerable.Range(0, 4).Select(i => new SimTask(i, 0, job)).ToList();

        var result = new PolicySimulation(new SimulatedCluster(config, SimulationOptions.Default), new RoundRobinPolicy()).Run(tasks, 1);

        Assert.All(result.CompletionTimesMs, ms => Assert.Equal(20_000, ms, 6));
    }

    private static ClusterConfig ThreeGpuNodes() => new()
    {
        Cluster = new ClusterSettings { Name = "three" },
        Nodes = [.. new[] { "a", "b", "c" }.Select(name => OneNode("RTX 3090", 24).Nodes[0] with { Name = name, Host = name })],
    };

    private static ClusterConfig OneNode(string gpu, double vramGb) => new()
    {
        Cluster = new ClusterSettings { Name = "one" },
        Nodes =
        [
            new NodeConfig
            {
                Name = "gpu",
                Host = "gpu",
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = gpu, Count = 1, VramGb = vramGb }],
                Capabilities = [Capabilities.LlmInference],
                Services = [new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434 }],
            },
        ],
    };
}
