using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PveAgent.Simulator.Tests;

public sealed class SimulatorServerTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "pveagent-sim-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Server_OverRealHttps_AnswersVersionToAClientPinningItsFingerprint()
    {
        using var engine = new SimulatorEngine(Some.HomeLab(), new PveAgentSimulatorOptions { StateDirectory = _stateDirectory });
        await using var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0 });

        var info = await server.StartAsync();
        using var client = PinnedClient(info);
        using var response = await client.GetAsync("version");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("9.1.2", body["data"]!["version"]!.GetValue<string>());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", info.CertificateFingerprint);
        Assert.Equal("https", info.ApiBaseAddress.Scheme);
    }

    [Fact]
    public async Task Server_ReportsItsCertificateAsTheNodesSslFingerprintAndKeepsPveReasonPhrases()
    {
        using var engine = new SimulatorEngine(Some.HomeLab(), new PveAgentSimulatorOptions { StateDirectory = _stateDirectory });
        await using var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0 });
        var info = await server.StartAsync();
        using var client = PinnedClient(info);

        using var nodes = await client.GetAsync("nodes");
        using var missing = await client.GetAsync("nodes/brian/qemu/999/status/current");
        var list = JsonNode.Parse(await nodes.Content.ReadAsStringAsync())!["data"]!.AsArray();

        Assert.All(list, n => Assert.Equal(info.CertificateFingerprint, n!["ssl_fingerprint"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.InternalServerError, missing.StatusCode);
        Assert.Equal("Configuration file 'nodes/brian/qemu-server/999.conf' does not exist", missing.ReasonPhrase);
    }

    [Fact]
    public async Task Certificate_IsPersistedSoTheFingerprintSurvivesARestart()
    {
        using var engine = new SimulatorEngine(Some.HomeLab(), new PveAgentSimulatorOptions { StateDirectory = _stateDirectory });
        string first;
        await using (var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0, ServeServices = false }))
        {
            first = (await server.StartAsync()).CertificateFingerprint;
        }

        await using var again = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0, ServeServices = false });
        var second = (await again.StartAsync()).CertificateFingerprint;

        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(_stateDirectory, SimulatorServer.CertificateFileName)));
    }

    [Fact]
    public async Task SimulatedService_IsServedOnItsOwnLocalListener()
    {
        var fake = new FakeComponent("192.168.0.183", 8000);
        using var engine = new SimulatorEngine(Some.HomeLab(), new PveAgentSimulatorOptions { StateDirectory = _stateDirectory }, [fake]);
        await using var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0 });

        var info = await server.StartAsync();
        var service = Assert.Single(info.Services);
        using var client = new HttpClient();
        var body = JsonNode.Parse(await client.GetStringAsync(new Uri(service.LocalAddress, "v1/models")))!;

        Assert.Equal(("brian", "vllm", "vllm"), (service.Node, service.Name, service.Kind));
        Assert.Equal(new Uri("http://192.168.0.183:8000/"), service.SimulatedAddress);
        Assert.Equal("/v1/models", body["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_ServesUntilCancelled()
    {
        using var engine = new SimulatorEngine(Some.HomeLab(), new PveAgentSimulatorOptions { StateDirectory = _stateDirectory });
        await using var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = 0, ServeServices = false });
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<SimulatorServerInfo>();

        var running = server.RunAsync(started.SetResult, stop.Token);
        var info = await started.Task;
        using var client = PinnedClient(info);
        using var response = await client.GetAsync("version");
        await stop.CancelAsync();
        await running;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version"));
    }

    private static HttpClient PinnedClient(SimulatorServerInfo info)
    {
        var pinned = info.CertificateFingerprint.Replace(":", "", StringComparison.Ordinal);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase),
        };
        var client = new HttpClient(handler) { BaseAddress = info.ApiBaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={Some.TokenId}={Some.Secret}");
        return client;
    }
}
