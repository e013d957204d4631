using System.Net;
using System.Net.Sockets;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>Real sockets and a real TLS handshake against <see cref="TinyTlsServer"/>: pinning, trust, and the four ways a host can be unreachable.</summary>
public sealed class ProxmoxHttpClientFactoryTests
{
    private const string WrongPin = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    private static ProxmoxApiClient RealClient(string host, int port, string? fingerprint = null, bool insecure = false, double timeoutSeconds = 10, CapturingLoggerFactory? logs = null) =>
        ProxmoxApiClient.Create(
            TestClients.Connection(host, port, fingerprint, insecure, timeoutSeconds),
            TestClients.Credentials,
            logs ?? new CapturingLoggerFactory(),
            TimeProvider.System,
            options: new ProxmoxClientOptions { RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds), MaxRetryAttempts = 0 });

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task PinnedFingerprint_InAnyNotation_AcceptsTheSelfSignedCertificate(bool lowerCase, bool withoutColons)
    {
        await using var server = new TinyTlsServer();
        var pin = server.Fingerprint;
        pin = lowerCase ? pin.ToLowerInvariant() : pin;
        pin = withoutColons ? pin.Replace(":", "", StringComparison.Ordinal) : pin;
        using var client = RealClient("127.0.0.1", server.Port, pin);

        var version = await client.GetVersionAsync();

        Assert.Equal("9.0.4", version.Version);
        var request = Assert.Single(server.ReceivedRequests);
        Assert.Contains($"Authorization: PVEAPIToken={TestClients.TokenId}={TestClients.Secret}\r\n", request, StringComparison.Ordinal);
        Assert.StartsWith("GET /api2/json/version HTTP/1.1", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPin_FailsAsMismatchWithBothFingerprints_AndTheTokenNeverReachesTheServer()
    {
        await using var server = new TinyTlsServer();
        using var client = RealClient("127.0.0.1", server.Port, WrongPin);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());
        await server.FirstConnectionDone.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(PveErrorKind.CertificateMismatch, error.Kind);
        Assert.Equal(WrongPin, error.ExpectedFingerprint);
        Assert.Equal(server.Fingerprint, error.ActualFingerprint);
        Assert.Contains($"expected {WrongPin}, got {server.Fingerprint}", error.Message);
        Assert.Contains("The API token was not sent", error.Message);
        Assert.False(error.RequestSent);
        Assert.Empty(server.ReceivedRequests);
    }

    [Fact]
    public async Task NoPin_SelfSignedCertificate_IsUntrusted_AndTheMessageOffersItsFingerprint()
    {
        await using var server = new TinyTlsServer();
        using var client = RealClient("127.0.0.1", server.Port);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());
        await server.FirstConnectionDone.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(PveErrorKind.CertificateUntrusted, error.Kind);
        Assert.Equal(server.Fingerprint, error.ActualFingerprint);
        Assert.Contains("proxmox.fingerprint", error.Message);
        Assert.Contains(server.Fingerprint, error.Message);
        Assert.Empty(server.ReceivedRequests);
    }

    [Fact]
    public async Task InsecureSkipVerify_AcceptsAnyCertificate_AndWarnsEachTimeAClientIsBuilt()
    {
        await using var server = new TinyTlsServer();
        var logs = new CapturingLoggerFactory();
        using var first = RealClient("127.0.0.1", server.Port, insecure: true, logs: logs);
        using var second = RealClient("127.0.0.1", server.Port, insecure: true, logs: logs);

        var version = await first.GetVersionAsync();

        Assert.Equal("9.0.4", version.Version);
        var warnings = logs.Entries.Where(e => e.Message.Contains("TLS certificate verification is DISABLED", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, w.Level));
        Assert.Contains($"127.0.0.1:{server.Port}", warnings[0].Message);
    }

    [Fact]
    public async Task ClosedPort_IsConnectionRefused_NamingHostAndPort()
    {
        var port = FreePort();
        using var client = RealClient("127.0.0.1", port);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(PveErrorKind.ConnectionRefused, error.Kind);
        Assert.False(error.RequestSent);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Contains("pveproxy", error.Message);
    }

    [Fact]
    public async Task UnknownHost_IsHostNotFound_NamingTheHost()
    {
        using var client = RealClient("nonexistent.invalid", 8006);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(PveErrorKind.HostNotFound, error.Kind);
        Assert.False(error.RequestSent);
        Assert.Contains("'nonexistent.invalid'", error.Message);
        Assert.Contains("DNS", error.Message);
    }

    [Fact]
    public async Task ListenerThatNeverAnswers_IsTimeout_AfterTheConfiguredSeconds()
    {
        await using var server = new TinyTlsServer(silent: true);
        using var client = RealClient("127.0.0.1", server.Port, server.Fingerprint, timeoutSeconds: 0.3);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(PveErrorKind.Timeout, error.Kind);
        Assert.Contains($"127.0.0.1:{server.Port} did not answer GET /version within 0.3 s", error.Message);
        Assert.Contains("proxmox.timeout_seconds", error.Message);
    }

    [Fact]
    public void MalformedFingerprint_IsRejectedWhenTheClientIsBuilt()
    {
        var error = Assert.Throws<ArgumentException>(() => RealClient("127.0.0.1", 8006, "AB:CD"));

        Assert.Contains("proxmox.fingerprint 'AB:CD'", error.Message);
        Assert.Contains("pvenode cert info", error.Message);
    }

    [Fact]
    public async Task InnerHandlerAndBaseAddress_ReplaceTheTlsTransport_ForTheSimulator()
    {
        var handler = new StubHttpHandler(200, """{"data":{"version":"9.0.4"}}""");
        using var http = ProxmoxHttpClientFactory.Create(TestClients.Connection(), TestClients.Credentials, new CapturingLoggerFactory().CreateLogger("test"), handler, new Uri("http://sim.local/api2/json"));
        using var client = new ProxmoxApiClient(http, new CapturingLoggerFactory().CreateLogger<ProxmoxApiClient>(), TimeProvider.System);

        await client.GetVersionAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://sim.local/api2/json/version", request.Uri.ToString());
        Assert.Equal($"PVEAPIToken={TestClients.TokenId}={TestClients.Secret}", request.Authorization);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
