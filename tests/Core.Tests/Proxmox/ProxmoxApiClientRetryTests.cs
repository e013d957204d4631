using System.Net.Sockets;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>GETs are retried on transient failures; writes only when they provably never left this machine.</summary>
public sealed class ProxmoxApiClientRetryTests
{
    private const string VersionAnswer = """{"data":{"version":"9.0.4"}}""";
    private const string TaskAnswer = """{"data":"UPID:pve1:00171399:02C8BD1E:656E69FC:qmstart:101:root@pam:"}""";

    private static HttpRequestException Refused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (pve1.lan:8006)", new SocketException((int)SocketError.ConnectionRefused));

    [Theory]
    [InlineData(503)]
    [InlineData(595)]
    [InlineData(500)]
    public async Task Get_TransientStatusEveryTime_IsTriedThreeTimes(int status)
    {
        var handler = new StubHttpHandler(status, "", "Service Unavailable");
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(3, handler.CallCount);
    }

    [Fact]
    public async Task Get_TransientFailureThenSuccess_ReturnsTheAnswer()
    {
        var answers = new Queue<HttpResponseMessage>([StubHttpHandler.Response(595, "", "No route to host"), StubHttpHandler.Response(200, VersionAnswer)]);
        var handler = new StubHttpHandler((_, _) => Task.FromResult(answers.Dequeue()));
        using var client = TestClients.OnStub(handler);

        var version = await client.GetVersionAsync();

        Assert.Equal("9.0.4", version.Version);
        Assert.Equal(2, handler.CallCount);
    }

    [Fact]
    public async Task Get_ConnectionRefused_IsRetried()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromException<HttpResponseMessage>(Refused()));
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(PveErrorKind.ConnectionRefused, error.Kind);
        Assert.Equal(3, handler.CallCount);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(501)]
    public async Task Get_ClientSideErrors_AreNotRetried(int status)
    {
        var handler = new StubHttpHandler(status, "", "nope");
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(1, handler.CallCount);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(595)]
    public async Task Post_ServerAnsweredWithAnError_IsNeverRetried(int status)
    {
        var handler = new StubHttpHandler(status, "", "Service Unavailable");
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAsync<PveApiException>(() => client.StartGuestAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Post_ConnectionRefused_IsRetriedBecauseNothingWasSent()
    {
        var calls = 0;
        var handler = new StubHttpHandler((_, _) => ++calls < 3
            ? Task.FromException<HttpResponseMessage>(Refused())
            : Task.FromResult(StubHttpHandler.Response(200, TaskAnswer)));
        using var client = TestClients.OnStub(handler);

        var upid = await client.StartGuestAsync("pve1", GuestType.Qemu, 101);

        Assert.Equal("qmstart", upid.Type);
        Assert.Equal(3, handler.CallCount);
    }

    [Fact]
    public async Task Post_DnsFailure_IsRetriedAndReportedAsHostNotFound()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)SocketError.HostNotFound))));
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.StopGuestAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(PveErrorKind.HostNotFound, error.Kind);
        Assert.False(error.RequestSent);
        Assert.Equal(3, handler.CallCount);
    }

    [Fact]
    public async Task Post_ConnectionDroppedAfterSending_IsNeverRetried()
    {
        var handler = new StubHttpHandler((_, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")));
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.MigrateGuestAsync("pve1", GuestType.Qemu, 101, new MigrateOptions { Target = "pve2" }));

        Assert.Equal(PveErrorKind.ServerError, error.Kind);
        Assert.True(error.RequestSent);
        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Post_SilentServer_TimesOutOnceAndIsNeverRetried()
    {
        var time = new SignallingTimeProvider();
        var handler = new StubHttpHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = TestClients.OnStub(handler, time, new ProxmoxClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });

        var call = client.StartGuestAsync("pve1", GuestType.Qemu, 101);
        Assert.Equal(TimeSpan.FromSeconds(10), await time.AdvancePastNextTimerAsync());
        var error = await Assert.ThrowsAsync<PveApiException>(() => call);

        Assert.Equal(PveErrorKind.Timeout, error.Kind);
        Assert.True(error.RequestSent);
        Assert.Contains("did not answer POST /nodes/pve1/qemu/101/status/start within 10 s", error.Message);
        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Get_BackoffWaitsOnTheInjectedClock()
    {
        var time = new SignallingTimeProvider();
        var answers = new Queue<HttpResponseMessage>([StubHttpHandler.Response(503, ""), StubHttpHandler.Response(200, VersionAnswer)]);
        var handler = new StubHttpHandler((_, _) => Task.FromResult(answers.Dequeue()));
        using var client = TestClients.OnStub(handler, time, new ProxmoxClientOptions { RequestTimeout = Timeout.InfiniteTimeSpan, RetryBaseDelay = TimeSpan.FromSeconds(1) });

        var call = client.GetVersionAsync();
        var delay = await time.NextTimerAsync();

        Assert.Equal(1, handler.CallCount);
        Assert.False(call.IsCompleted);
        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
        time.Advance(delay);
        Assert.Equal("9.0.4", (await call).Version);
        Assert.Equal(2, handler.CallCount);
    }

    [Fact]
    public async Task CallerCancellation_IsNotMistakenForATimeout()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new StubHttpHandler(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = TestClients.OnStub(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetVersionAsync(cancellation.Token));

        Assert.Equal(1, handler.CallCount);
    }
}
