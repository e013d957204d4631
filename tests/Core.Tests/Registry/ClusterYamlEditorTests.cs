using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Registry;

public sealed class ClusterYamlEditorTests
{
    private static readonly ClusterConfigLoader Loader = new();

    private static string Sample() => File.ReadAllText(SharedFiles.InRepository("cluster.yaml"));

    private static ClusterConfig Reload(string text)
    {
        var result = Loader.Load(text, "cluster.yaml");
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    private static string[] CommentLines(string text) =>
        [.. text.Split('\n').Where(l => l.Contains('#', StringComparison.Ordinal))];

    private static readonly AcceleratorConfig Rtx4090 = new() { Kind = AcceleratorKind.Nvidia, Model = "RTX 4090", Count = 2, VramGb = 24 };
    private static readonly AcceleratorConfig Epyc = new() { Kind = AcceleratorKind.Cpu, Model = "EPYC 7302", Count = 1 };

    [Fact]
    public void Apply_ReplacingBriansAccelerators_ChangesOnlyTheListLines()
    {
        var original = Sample();

        var edited = ClusterYamlEditor.Apply(original, [new SetAcceleratorsChange("brian", [Rtx4090, Epyc])]);

        var before = original.Split('\n');
        var after = edited.Split('\n');
        var first = Array.FindIndex(before, l => l.Contains("- type: nvidia", StringComparison.Ordinal));
        var oldItemLines = 4;
        var newItemLines = 4 + 3;
        Assert.Equal(before[..first], after[..first]);
        Assert.Equal(before[(first + oldItemLines)..], after[(first + newItemLines)..]);
        Assert.Equal(
            ["      - type: nvidia", "        model: RTX 4090", "        count: 2", "        vram_gb: 24", "      - type: cpu", "        model: EPYC 7302", "        count: 1"],
            after[first..(first + newItemLines)]);
        Assert.Equal([Rtx4090, Epyc], Reload(edited).FindNode("brian")!.Accelerators);
    }

    [Fact]
    public void Apply_AnyChangeToTheSample_KeepsEveryComment()
    {
        var original = Sample();
        var newNode = new NodeConfig { Name = "pve4", Host = "192.168.0.104", Accelerators = [Epyc], Capabilities = [Capabilities.Preprocessing] };

        var edited = ClusterYamlEditor.Apply(original,
        [
            new SetAcceleratorsChange("brian", [Rtx4090]),
            new SetAcceleratorsChange("pve3", [Epyc]),
            new SetAcceleratorsChange("edge-tt", []),
            new AddNodeChange(newNode),
        ]);

        Assert.NotEmpty(CommentLines(original));
        Assert.Equal(CommentLines(original), CommentLines(edited));
        var config = Reload(edited);
        Assert.Equal(["brian", "pve3", "edge-tt", "pve4"], config.Nodes.Select(n => n.Name));
        Assert.Equal([Epyc], config.FindNode("pve3")!.Accelerators);
        Assert.Empty(config.FindNode("edge-tt")!.Accelerators);
    }

    [Fact]
    public void Apply_AddingAcceleratorsToANodeWithoutThem_InsertsThemAtTheEndOfTheNode()
    {
        var original = Sample();

        var edited = ClusterYamlEditor.Apply(original, [new SetAcceleratorsChange("PVE3", [Epyc])]);

        var before = original.Split('\n').ToList();
        var after = edited.Split('\n').ToList();
        var insertAt = before.FindIndex(l => l.Contains("models: [qwen2.5-1.5b-instruct]", StringComparison.Ordinal)) + 1;
        Assert.Equal(before[..insertAt], after[..insertAt]);
        Assert.Equal(["    accelerators:", "      - type: cpu", "        model: EPYC 7302", "        count: 1"], after[insertAt..(insertAt + 4)]);
        Assert.Equal(before[insertAt..], after[(insertAt + 4)..]);
        Assert.Equal([Epyc], Reload(edited).FindNode("pve3")!.Accelerators);
    }

    [Fact]
    public void Apply_SameAcceleratorsAsWritten_LeavesTheTextByteIdentical()
    {
        var original = Sample();
        var gpus = new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 3, VramGb = 24 };

        var edited = ClusterYamlEditor.Apply(original, [new SetAcceleratorsChange("brian", [gpus])]);

        Assert.Equal(original, edited);
    }

    [Fact]
    public void Apply_AddingANode_AppendsItAfterTheLastNodeWithTheSameSpacing()
    {
        var original = Sample();
        var node = new NodeConfig
        {
            Name = "pve4",
            Host = "192.168.0.104",
            Type = "gpu-worker",
            Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Amd, Model = "7900 XTX", Count = 1, VramGb = 24 }],
            Capabilities = [Capabilities.LlmInference],
            Services = [new ServiceConfig { Name = "chat", Kind = ServiceKind.Ollama, Port = 11434, Guest = 501, Models = ["qwen3:8b", "a, b"] }],
            Storage = [new StorageConfig { Path = "/mnt/scratch", SizeTb = 1.5, Type = "nvme" }],
            Power = new PowerProfile { IdleWatts = 60, MaxWatts = 450 },
            WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:04", Via = "pve3", BootSeconds = 60 },
            Telemetry = new TelemetryConfig { Source = TelemetrySource.Exporter, Url = new Uri("http://192.168.0.104:9100/metrics") },
        };

        var edited = ClusterYamlEditor.Apply(original, [new AddNodeChange(node)]);

        Assert.StartsWith(original, edited, StringComparison.Ordinal);
        Assert.StartsWith("\n  pve4:\n    host: 192.168.0.104\n", edited[original.Length..], StringComparison.Ordinal);
        var added = Reload(edited).FindNode("pve4")!;
        Assert.Equal((node.Host, node.Type, node.Power, node.WakeOnLan, node.Telemetry), (added.Host, added.Type, added.Power, added.WakeOnLan, added.Telemetry));
        Assert.Equal(node.Accelerators, added.Accelerators);
        Assert.Equal(node.Capabilities, added.Capabilities);
        Assert.Equal(node.Storage, added.Storage);
        var service = Assert.Single(added.Services);
        Assert.Equal((ServiceKind.Ollama, 11434, 501), (service.Kind, service.Port, service.Guest));
        Assert.Equal(["qwen3:8b", "a, b"], service.Models);
    }

    [Fact]
    public void Apply_FlowStyleListWithComment_BecomesABlockListKeepingTheComment()
    {
        const string Original = """
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                accelerators: []   # filled in by discover
                capabilities: [training]

            """;

        var edited = ClusterYamlEditor.Apply(Original, [new SetAcceleratorsChange("brian", [Rtx4090])]);

        Assert.Equal("""
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
                accelerators:   # filled in by discover
                  - type: nvidia
                    model: RTX 4090
                    count: 2
                    vram_gb: 24
                capabilities: [training]

            """, edited);
    }

    [Fact]
    public void Apply_EmptyList_WritesAnEmptyFlowListAndKeepsCommentsAroundTheOldItems()
    {
        const string Original = """
            nodes:
              brian:
                host: 192.168.0.183
                accelerators:   # discovered 2026-01-01
                  # the three 3090s
                  - type: nvidia   # Founders Edition
                    model: RTX 3090
                    count: 3
                  # riser cable is flaky
                capabilities: [training]
            """;

        var edited = ClusterYamlEditor.Apply(Original, [new SetAcceleratorsChange("brian", [])]);

        Assert.Equal("""
            nodes:
              brian:
                host: 192.168.0.183
                accelerators: []   # discovered 2026-01-01
                  # the three 3090s
                  # riser cable is flaky
                capabilities: [training]
            """, edited);
    }

    [Fact]
    public void Apply_ModelNamesYamlWouldMisread_AreQuotedAndReadBackUnchanged()
    {
        const string Original = """
            cluster:
              name: lab
              simulate: true
            nodes:
              brian:
                host: 192.168.0.183
            """;
        AcceleratorConfig[] odd =
        [
            new() { Kind = AcceleratorKind.Nvidia, Model = "3090", Count = 1 },
            new() { Kind = AcceleratorKind.Fpga, Model = "Alveo: U50 # rev2", Count = 1 },
            new() { Kind = AcceleratorKind.Amd, Model = "true", Count = 1 },
            new() { Kind = AcceleratorKind.Cpu, Model = "\"quoted\" \\ path", Count = 1 },
        ];

        var edited = ClusterYamlEditor.Apply(Original, [new SetAcceleratorsChange("brian", odd)]);

        Assert.Equal(odd, Reload(edited).FindNode("brian")!.Accelerators);
    }

    [Fact]
    public void Apply_CrLfFile_KeepsCrLfEverywhere()
    {
        var original = "cluster:\r\n  name: lab   # crlf\r\n  simulate: true\r\nnodes:\r\n  brian:\r\n    host: 192.168.0.183\r\n    accelerators:\r\n      - type: cpu\r\n        model: old\r\n    capabilities: [training]\r\n";

        var edited = ClusterYamlEditor.Apply(original, [new SetAcceleratorsChange("brian", [Rtx4090])]);

        Assert.Equal(
            "cluster:\r\n  name: lab   # crlf\r\n  simulate: true\r\nnodes:\r\n  brian:\r\n    host: 192.168.0.183\r\n    accelerators:\r\n" +
            "      - type: nvidia\r\n        model: RTX 4090\r\n        count: 2\r\n        vram_gb: 24\r\n    capabilities: [training]\r\n",
            edited);
    }

    [Fact]
    public void Apply_AddingANodeToAFileWithoutNodes_CreatesTheSection()
    {
        const string Original = "cluster:\n  name: lab\n  simulate: true   # no nodes yet";

        var edited = ClusterYamlEditor.Apply(Original, [new AddNodeChange(new NodeConfig { Name = "pve1", Host = "pve1.lan" })]);

        Assert.Equal("cluster:\n  name: lab\n  simulate: true   # no nodes yet\n\nnodes:\n  pve1:\n    host: pve1.lan\n", edited);
        Reload(edited);
    }

    [Fact]
    public void Apply_AddingANodeUnderAnEmptyNodesKey_FillsItKeepingItsComment()
    {
        const string Original = "cluster:\n  name: lab\n  simulate: true\nnodes: {}   # discover fills this\n";

        var edited = ClusterYamlEditor.Apply(Original, [new AddNodeChange(new NodeConfig { Name = "pve1", Host = "pve1.lan" })]);

        Assert.Equal("cluster:\n  name: lab\n  simulate: true\nnodes:   # discover fills this\n  pve1:\n    host: pve1.lan\n", edited);
    }

    [Fact]
    public void Apply_UnknownNode_ThrowsNamingTheNode()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterYamlEditor.Apply(Sample(), [new SetAcceleratorsChange("brain", [Epyc])]));

        Assert.Contains("no node 'brain'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AddingADeclaredNode_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClusterYamlEditor.Apply(Sample(), [new AddNodeChange(new NodeConfig { Name = "Brian", Host = "192.168.0.183" })]));

        Assert.Contains("already declares node 'Brian'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MalformedYaml_ThrowsWithThePosition()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClusterYamlEditor.Apply("nodes:\n  brian:\n host: x\n", [new SetAcceleratorsChange("brian", [Epyc])]));

        Assert.Contains("not valid YAML (3:", error.Message, StringComparison.Ordinal);
    }
}
