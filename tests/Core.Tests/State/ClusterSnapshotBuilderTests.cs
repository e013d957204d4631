using System.Net;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Core.Tests.Proxmox.Fakes;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.State;

public sealed class ClusterSnapshotBuilderTests
{
    // Node names match the real /cluster/resources capture (go-proxmox, PVE 8.0): node1..node4 online.
    private const string Yaml = """
        cluster:
          name: lab
          simulate: true
        nodes:
          node1:
            host: 10.0.0.1
            accelerators:
              - type: nvidia
                model: RTX 3090
                count: 2
                vram_gb: 24
          node2:
            host: 10.0.0.2
            accelerators:
              - type: tenstorrent
                model: wormhole-n150
                vram_gb: 12
          node3:
            host: 10.0.0.3
            services:
              ollama:
                port: 11434
                models: [llama3.2:3b]
          sleepy:
            host: 10.0.0.9
            wake_on_lan:
              mac: "AA:BB:CC:DD:EE:FF"
            services:
              ollama:
                port: 11434
        """;

    [Fact]
    public async Task Read_RealClusterResources_MakesOneProxmoxRequestAndMapsNodesAndGuests()
    {
        var (builder, proxmox, _) = Build();

        var snapshot = await builder.ReadAsync();

        Assert.Single(proxmox.Requests);
        Assert.Equal("/cluster/resources", proxmox.Requests[0].ApiPath);
        Assert.Equal(["node1", "node2", "node3", "sleepy", "node4"], snapshot.Nodes.Select(n => n.Name));
        Assert.Equal(NodeStatus.Online, snapshot.FindNode("node1")!.Status);
        Assert.Null(snapshot.FindNode("node4")!.Config);
        Assert.Equal([100, 101, 102, 200], snapshot.Guests.Select(g => g.VmId));
        var template = snapshot.FindGuest(101)!;
        Assert.True(template.Template);
        Assert.Equal("leap154", template.Name);
        Assert.Equal(GuestType.Qemu, template.Type);
        Assert.True(snapshot.FindGuest(100)!.IsRunning);
        // PVE allows + inside a tag: this is one tag, not two.
        Assert.Equal(["go-proxmox+cloud-init"], snapshot.FindGuest(102)!.Tags);
    }

    [Fact]
    public async Task Read_NodeMissingFromProxmoxWithWakeOnLan_IsAsleep_AndItsServicesAreNotProbed()
    {
        var (builder, _, probes) = Build();

        var snapshot = await builder.ReadAsync();

        Assert.Equal(NodeStatus.Asleep, snapshot.FindNode("sleepy")!.Status);
        var service = snapshot.Services.Single(s => s.Node == "sleepy");
        Assert.False(service.Reachable);
        Assert.Contains("not online", service.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(probes.Requests, r => r.Uri.Host == "10.0.0.9");
    }

    [Fact]
    public async Task Read_GpuTelemetry_ReplacesTheConfiguredDescription()
    {
        var (builder, _, _) = Build();

        var node1 = (await builder.ReadAsync()).FindNode("node1")!;

        Assert.Equal(2, node1.Accelerators.Count);
        Assert.All(node1.Accelerators, a => Assert.True(a.HasTelemetry));
        Assert.Equal(20000, node1.Accelerators[1].MemoryUsedMib);
        Assert.Equal("GPU-bbb", node1.Accelerators[1].Id);
    }

    [Fact]
    public async Task Read_FailedTelemetry_FallsBackToTheRegistry_AndSaysWhy()
    {
        var (builder, _, _) = Build();

        var node2 = (await builder.ReadAsync()).FindNode("node2")!;

        var card = Assert.Single(node2.Accelerators);
        Assert.False(card.HasTelemetry);
        Assert.Equal("wormhole-n150", card.Model);
        Assert.Equal(12 * 1024, card.MemoryTotalMib);
        Assert.Contains("No Tenstorrent driver", node2.TelemetryError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OllamaProbe_ReportsTheRealPsResponseAsWarmModels()
    {
        var (builder, _, _) = Build();

        var service = (await builder.ReadAsync()).Services.Single(s => s.Node == "node3");

        Assert.True(service.Reachable);
        var expected = System.Text.Json.JsonDocument.Parse(SharedFiles.ReadShared("fixtures", "ollama", "ps_response.json"))
            .RootElement.GetProperty("models")[0].GetProperty("name").GetString()!;
        Assert.True(service.IsWarm(expected));
    }

    private static (ClusterSnapshotBuilder Builder, StubHttpHandler Proxmox, StubHttpHandler Probes) Build()
    {
        var config = new ClusterConfigLoader().Load(Yaml, "test.yaml").Config!;
        var resources = File.ReadAllBytes(SharedFiles.Shared("proxmox-api", "examples", "cluster_resources.pve8.0.go-proxmox.json"));
        var proxmox = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Response(200, resources)));
        var probes = new StubHttpHandler((request, _) => Task.FromResult(request.Uri.AbsolutePath switch
        {
            "/api/ps" => StubHttpHandler.Response(200, SharedFiles.ReadShared("fixtures", "ollama", "ps_response.json")),
            "/api/tags" => StubHttpHandler.Response(200, SharedFiles.ReadShared("fixtures", "ollama", "tags_response.json")),
            "/api/version" => StubHttpHandler.Response(200, SharedFiles.ReadShared("fixtures", "ollama", "version_response.json")),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        }));
        var builder = new ClusterSnapshotBuilder(
            config,
            TestClients.OnStub(proxmox),
            new FakeTelemetry(),
            new InferenceServiceProbe(new HttpClient(probes)),
            new ManualTimeProvider());
        return (builder, proxmox, probes);
    }

    private sealed class FakeTelemetry : ITelemetryTransport
    {
        public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default) =>
            Task.FromResult(node.Name switch
            {
                "node1" => new NodeTelemetryResult
                {
                    Node = node.Name,
                    Gpus =
                    [
                        new GpuReading { Index = 0, Uuid = "GPU-aaa", Name = "NVIDIA GeForce RTX 3090", MemoryTotalMib = 24576, MemoryUsedMib = 0 },
                        new GpuReading { Index = 1, Uuid = "GPU-bbb", Name = "NVIDIA GeForce RTX 3090", MemoryTotalMib = 24576, MemoryUsedMib = 20000 },
                    ],
                },
                _ => new NodeTelemetryResult
                {
                    Node = node.Name,
                    Failures = [new TelemetryFailure(TelemetryFailureKind.DriverUnavailable, "No Tenstorrent driver detected! Please install driver using tt-kmd")],
                },
            });
    }
}
