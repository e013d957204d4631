using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace PveAgent.Cli.Tests.Commands;

public sealed class NodeAgentCommandTests : IDisposable
{
    private const string Token = "0123456789abcdef0123456789";
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task NodeAgent_ServesNvidiaSmiOutputToTheTokenHolder_AndStopsOnCancel()
    {
        // A stand-in nvidia-smi printing one real-format line (field order of NvidiaSmiCsvParser.GpuQueryFields).
        var fake = _cli.WriteFile("nvidia-smi", "#!/bin/sh\necho \"0, GPU-6df5d5f5, NVIDIA GeForce RTX 3090, 24576, 1024, 3, 41, 30.50, 350.00\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _cli.SetEnvironment("PVEAGENT_NODE_TOKEN", Token);
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var output = new WatchedWriter("listening");

        var running = _cli.RunAsync(output, stop.Token, "node-agent", "--listen", $"127.0.0.1:{port}", "--nvidia-smi", fake);
        await Task.WhenAny(output.Seen, running);
        Assert.False(running.IsCompleted, "the node agent exited early");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var anonymous = await http.GetAsync(new Uri("/v1/telemetry/nvidia-smi", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/telemetry/nvidia-smi");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var authorised = await http.SendAsync(request);
        var body = await authorised.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        var run = await running;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
        Assert.Contains("NVIDIA GeForce RTX 3090", body, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("node agent stopped", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeAgent_WithoutAToken_RefusesToStartAndSaysHowToMakeOne()
    {
        var run = await _cli.RunAsync("node-agent", "--listen", "127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PVEAGENT_NODE_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.Contains("openssl rand", run.Error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _cli.Dispose();
}
