using System.Net;
using System.Text.Json;

namespace PveAgent.Cli.Tests.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private const string Secret = "9b1f4c2e-7d3a-4e5f-8a6b-0c1d2e3f4a5b";
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Status_SampleCluster_ShowsNodesGuestsServicesAndSaysItIsSimulated()
    {
        _cli.UseSampleConfig();

        var run = await _cli.RunAsync("status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("simulated", run.Out, StringComparison.Ordinal);
        Assert.Contains("NVIDIA GeForce RTX 3090", run.Out, StringComparison.Ordinal);
        Assert.Contains("vllm-brian", run.Out, StringComparison.Ordinal);
        Assert.Contains("● llama-3.3-70b", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_HasTheDocumentedShape()
    {
        _cli.UseSampleConfig();

        var run = await _cli.RunAsync("status", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("simulated").GetBoolean());
        var brian = root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "brian");
        Assert.Equal("online", brian.GetProperty("status").GetString());
        Assert.Equal(32, brian.GetProperty("maxcpu").GetInt32());
        Assert.True(brian.GetProperty("maxmem").GetInt64() > brian.GetProperty("mem").GetInt64());
        var gpus = brian.GetProperty("accelerators")[0];
        Assert.Equal("nvidia", gpus.GetProperty("kind").GetString());
        Assert.Equal(3, gpus.GetProperty("count").GetInt32());
        Assert.Equal(24, gpus.GetProperty("vram_gb").GetDouble());
        Assert.Equal(3, gpus.GetProperty("telemetry").GetArrayLength());
        var guest = root.GetProperty("guests").EnumerateArray().Single(g => g.GetProperty("vmid").GetInt32() == 201);
        Assert.Equal("qemu", guest.GetProperty("type").GetString());
        Assert.Equal("brian", guest.GetProperty("node").GetString());
        Assert.Equal("running", guest.GetProperty("status").GetString());
        Assert.False(guest.GetProperty("template").GetBoolean());
        var template = root.GetProperty("guests").EnumerateArray().Single(g => g.GetProperty("vmid").GetInt32() == 9000);
        Assert.True(template.GetProperty("template").GetBoolean());
        var vllm = root.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("node").GetString() == "brian" && s.GetProperty("kind").GetString() == "vllm");
        Assert.Contains("llama-3.3-70b", vllm.GetProperty("loaded").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("http://192.168.0.183:8000/", vllm.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Status_SecondRun_SeesTheSameSimulatedWorld()
    {
        _cli.UseSampleConfig();

        var first = await _cli.RunAsync("status", "--json");
        var second = await _cli.RunAsync("status", "--json");

        static IEnumerable<string> Ids(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("guests").EnumerateArray().Select(g => g.GetProperty("vmid").GetInt32() + ":" + g.GetProperty("status").GetString());
        Assert.Equal(Ids(first.Out), Ids(second.Out));
        Assert.True(File.Exists(Path.Combine(_cli.StateDirectory, "simulator.json")));
    }

    [Fact]
    public async Task Status_RealClusterRefusingConnections_NamesHostAndPort_AndNeverPrintsTheToken()
    {
        _cli.WriteFile("real.yaml", RealConfig(port: 1));
        _cli.SetEnvironment("PVEAGENT_TOKEN", Secret);

        var run = await _cli.RunAsync("--config", "real.yaml", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RealClusterWithoutTheTokenVariable_SaysWhichVariableToSet()
    {
        _cli.WriteFile("real.yaml", RealConfig(port: 8006));

        var run = await _cli.RunAsync("--config", "real.yaml", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PVEAGENT_TOKEN", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WrongToken_SaysAuthenticationFailedAndWhatToCheck()
    {
        _cli.WriteFile("real.yaml", RealConfig(port: 8006));
        _cli.SetEnvironment("PVEAGENT_TOKEN", Secret);
        _cli.NetworkHandler = new AnswerHandler(HttpStatusCode.Unauthorized, "authentication failure");

        var run = await _cli.RunAsync("--config", "real.yaml", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("authentication failed", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("token", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, run.Out + run.Error + ReadLogs(), StringComparison.Ordinal);
    }

    private static string RealConfig(int port) => $$"""
        cluster:
          name: lab
          proxmox:
            host: 127.0.0.1
            port: {{port}}
            user: pveagent@pve
            token_name: ci
            token_value_env: PVEAGENT_TOKEN
            timeout_seconds: 2
        nodes:
          pve1:
            host: 127.0.0.1
        """;

    private string ReadLogs()
    {
        var dir = Path.Combine(_cli.StateDirectory, "logs");
        return Directory.Exists(dir) ? string.Join("\n", Directory.GetFiles(dir).Select(f => File.ReadAllText(f))) : "";
    }

    public void Dispose() => _cli.Dispose();

    private sealed class AnswerHandler(HttpStatusCode status, string reason) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { ReasonPhrase = reason, Content = new ByteArrayContent([]) });
    }
}
