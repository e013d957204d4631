using System.Text.Json;
using PveAgent.Cli.Composition;
using PveAgent.Core.Registry;
using PveAgent.Simulator;

namespace PveAgent.Cli.Tests.Commands;

/// <summary>
/// The real client against <c>sim serve</c> over real sockets and TLS: the path a user takes when pointing
/// cluster.yaml at a Proxmox host, with the simulator standing in for the host.
/// </summary>
public sealed class SimServeEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly CliHarness _cli = new();
    private SimulatorEngine? _engine;
    private SimulatorServer? _server;
    private SimulatorServerInfo _info = null!;

    public async Task InitializeAsync()
    {
        var sample = new ClusterConfigLoader().Load(File.ReadAllText(PveAgent.TestSupport.SharedFiles.InRepository("cluster.yaml")), "cluster.yaml").Config!;
        _engine = ClusterSession.CreateSimulator(sample, Path.Combine(_cli.WorkingDirectory, "server-state"), TimeProvider.System);
        await _engine.InitializeAsync();
        _server = new SimulatorServer(_engine, new SimulatorServerOptions { Port = 0 });
        _info = await _server.StartAsync();
        _cli.SetEnvironment("PVEAGENT_TOKEN", _engine.Options.TokenSecret);
    }

    [Fact]
    public async Task Status_AgainstSimServe_WithThePinnedFingerprint_ReadsTheClusterOverTls()
    {
        _cli.WriteFile("served.yaml", Config(_info.CertificateFingerprint));

        var run = await _cli.RunAsync("--config", "served.yaml", "status", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("simulated").GetBoolean());
        Assert.Contains(201, doc.RootElement.GetProperty("guests").EnumerateArray().Select(g => g.GetProperty("vmid").GetInt32()));
        var vllm = doc.RootElement.GetProperty("services").EnumerateArray().Single();
        Assert.True(vllm.GetProperty("reachable").GetBoolean());
        Assert.Contains("llama-3.3-70b", vllm.GetProperty("loaded").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Status_AgainstSimServe_WithAWrongPin_RefusesAndShowsBothFingerprints()
    {
        var wrong = string.Join(":", Enumerable.Repeat("AB", 32));
        _cli.WriteFile("served.yaml", Config(wrong));

        var run = await _cli.RunAsync("--config", "served.yaml", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(wrong, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_info.CertificateFingerprint.Replace(":", "", StringComparison.Ordinal)[..8], run.Error.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_engine!.Options.TokenSecret, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_FindsTheGpuAndTheNodeCluster_yamlForgot_AndWriteMergesThemKeepingComments()
    {
        var path = _cli.WriteFile("served.yaml", $$"""
            # my lab
            cluster:
              name: served
              proxmox:
                host: 127.0.0.1
                port: {{_info.ApiBaseAddress.Port}}
                user: pveagent@pve
                token_name: orchestrator
                token_value_env: PVEAGENT_TOKEN
                fingerprint: "{{_info.CertificateFingerprint}}"
            nodes:
              brian:   # the GPU box
                host: 192.168.0.183
                telemetry:
                  source: none
                accelerators:
                  - type: nvidia
                    model: RTX 3090
                    count: 2     # one more arrived last week
                    vram_gb: 24
              pve3:
                host: 192.168.0.103
                telemetry:
                  source: none
            """);

        var dry = await _cli.RunAsync("--config", "served.yaml", "discover");
        var written = await _cli.RunAsync("--config", "served.yaml", "discover", "--write");
        var again = await _cli.RunAsync("--config", "served.yaml", "discover");

        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("cluster.yaml says 2× RTX 3090", dry.Out, StringComparison.Ordinal);
        Assert.Contains("not in cluster.yaml", dry.Out, StringComparison.Ordinal);
        Assert.Contains("2 change(s)", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, written.ExitCode);
        var text = File.ReadAllText(path);
        Assert.Contains("# my lab", text, StringComparison.Ordinal);
        Assert.Contains("# the GPU box", text, StringComparison.Ordinal);
        var config = new ClusterConfigLoader().Load(text, path).Config!;
        Assert.Equal(3, config.FindNode("brian")!.Accelerators.Single().Count);
        var edge = config.FindNode("edge-tt")!;
        Assert.Equal("192.168.0.150", edge.Host);
        Assert.Equal(AcceleratorKind.Tenstorrent, edge.Accelerators.Single().Kind);
        Assert.Contains("matches the hardware", again.Out, StringComparison.Ordinal);
    }

    private string Config(string fingerprint)
    {
        var vllm = _info.Services.Single(s => s.Node == "brian" && s.Name == "vllm");
        return $$"""
            cluster:
              name: served
              proxmox:
                host: 127.0.0.1
                port: {{_info.ApiBaseAddress.Port}}
                user: pveagent@pve
                token_name: orchestrator
                token_value_env: PVEAGENT_TOKEN
                fingerprint: "{{fingerprint}}"
            nodes:
              brian:
                host: 192.168.0.183
                telemetry:
                  source: none
                services:
                  vllm:
                    port: {{vllm.LocalAddress.Port}}
                    url: {{vllm.LocalAddress}}
                    models: [llama-3.3-70b]
            """;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _engine?.Dispose();
    }

    public void Dispose() => _cli.Dispose();
}
