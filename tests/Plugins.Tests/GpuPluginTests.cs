using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Plugins.Planning;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins.Tests;

public sealed class GpuPluginTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private readonly SimulatedLab _lab = fixture.Lab;

    [Fact]
    public async Task GpuStatus_Brian_ThreeLiveGpusWhoseFreeVramIsTotalMinusUsed()
    {
        var list = await _lab.NewSession().ReadAsync<GpuList>("gpu_status", ("node", "brian"));

        Assert.Equal([0, 1, 2], list.Gpus.Select(g => g.Index));
        Assert.All(list.Gpus, g =>
        {
            Assert.True(g.Live);
            Assert.Equal(24576, g.VramTotalMib);
            Assert.Equal(g.VramTotalMib - g.VramUsedMib, g.VramFreeMib);
        });
        Assert.Null(list.Notes);
    }

    [Fact]
    public async Task GpuStatus_WholeCluster_OnlyNvidiaDevices()
    {
        var list = await _lab.NewSession().ReadAsync<GpuList>("gpu_status");

        Assert.Equal(3, list.Gpus.Count);
        Assert.All(list.Gpus, g => Assert.Equal("brian", g.Node));
    }

    [Fact]
    public async Task GpuStatus_NodeWithoutTelemetry_FallsBackToTheRegistryAndSaysWhy()
    {
        var snapshot = Some.Cluster() with
        {
            Nodes =
            [
                Some.Node("brian") with
                {
                    Accelerators = [new AcceleratorState { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Index = 0, MemoryTotalMib = 24576 }],
                    TelemetryError = "ssh: connection refused",
                },
            ],
        };
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(new FixedSource(snapshot), _lab.Api, _lab.Config, _lab.Clock));

        var list = await session.ReadAsync<GpuList>("gpu_status");

        var gpu = Assert.Single(list.Gpus);
        Assert.False(gpu.Live);
        Assert.Null(gpu.VramFreeMib);
        Assert.Equal(["brian: no telemetry (ssh: connection refused)"], list.Notes);
    }

    [Fact]
    public async Task LoadedModels_SampleLab_ReportsWarmModelsPerService()
    {
        var list = await _lab.NewSession().ReadAsync<ModelList>("loaded_models", ("node", "brian"));

        Assert.Equal(["vllm", "ollama"], list.Services.Select(s => s.Service));
        var vllm = list.Services[0];
        Assert.True(vllm.Up);
        Assert.Equal(["llama-3.3-70b", "qwen-2.5-32b"], vllm.Loaded.Select(m => m.Model));
        Assert.NotNull(list.Services[1].Loaded.Single(m => m.Model == "llama3.2:3b").VramMib);
    }

    [Fact]
    public async Task GpuProcesses_NodeWithoutNvidiaGpus_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("gpu_processes", ("node", "pve3"));

        Assert.Equal("Node pve3 has no NVIDIA GPU in cluster.yaml.", error.Error);
    }

    [Fact]
    public async Task GpuProcesses_ReadsTheNodeLive_OneRowPerProcess()
    {
        var telemetry = new FixedTelemetry(new NodeTelemetryResult
        {
            Node = "brian",
            Gpus =
            [
                new GpuReading { Index = 0, Processes = [new GpuProcessReading { Pid = 4242, Name = "python3", UsedMemoryMib = 20480 }] },
                new GpuReading { Index = 1, Processes = [] },
            ],
        });
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(_lab.Snapshots, _lab.Api, _lab.Config, _lab.Clock) { Telemetry = telemetry });

        var list = await session.ReadAsync<GpuProcessList>("gpu_processes", ("node", "brian"));

        Assert.Equal([new GpuProcessRow(0, 4242, "python3", 20480)], list.Processes);
    }

    [Fact]
    public async Task GpuProcesses_WithoutATelemetryTransport_SaysItIsUnavailable()
    {
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(_lab.Snapshots, _lab.Api, _lab.Config, _lab.Clock));

        var error = await session.RefusedAsync("gpu_processes", ("node", "brian"));

        Assert.Contains("need node telemetry", error.Error, StringComparison.Ordinal);
    }

    private sealed class FixedSource(ClusterSnapshot snapshot) : IClusterSnapshotSource
    {
        public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot);
    }

    private sealed class FixedTelemetry(NodeTelemetryResult result) : ITelemetryTransport
    {
        public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default) => Task.FromResult(result);
    }
}
