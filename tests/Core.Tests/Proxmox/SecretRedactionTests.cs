using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>The token secret appears in no exception message, no exception ToString and no log entry, whatever fails.</summary>
public sealed class SecretRedactionTests
{
    public static TheoryData<string> Failures => ["401", "403", "400", "500", "595", "refused", "dns", "ended", "malformed"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailedCall_NeitherTheErrorNorTheLogsContainTheSecret(string failure)
    {
        var handler = new StubHttpHandler((_, _) => failure switch
        {
            "401" => Task.FromResult(StubHttpHandler.Response(401, "", "Authentication failed!")),
            "403" => Task.FromResult(StubHttpHandler.Response(403, "", "Permission check failed (/vms/101, VM.PowerMgmt)")),
            "400" => Task.FromResult(StubHttpHandler.Response(400, """{"errors":{"target":"target is local node."},"data":null}""", "Parameter verification failed.")),
            "500" => Task.FromResult(StubHttpHandler.Response(500, "", "VM is locked (backup)")),
            "595" => Task.FromResult(StubHttpHandler.Response(595, "", "No route to host")),
            "refused" => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused))),
            "dns" => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host", new SocketException((int)SocketError.HostNotFound))),
            "ended" => Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")),
            _ => Task.FromResult(StubHttpHandler.Response(200, "{\"data\":")),
        });
        var logs = new CapturingLoggerFactory();
        using var client = TestClients.OnStub(handler, logs: logs);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.MigrateGuestAsync("pve1", GuestType.Qemu, 101, new MigrateOptions { Target = "pve2" }));

        Assert.NotEmpty(logs.Entries);
        Assert.Contains(logs.Entries, e => e.Level >= LogLevel.Debug && e.Message.Contains("/nodes/pve1/qemu/101/migrate", StringComparison.Ordinal));
        Assert.DoesNotContain(TestClients.Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Secret, logs.AllText, StringComparison.Ordinal);
        Assert.Equal(TestClients.Secret, handler.Requests[0].Authorization![^TestClients.Secret.Length..]);
    }

    [Fact]
    public async Task SuccessfulCall_LogsMethodPathStatusAndTime_ButNoHeader()
    {
        var handler = new StubHttpHandler(200, """{"data":{"version":"9.0.4"}}""");
        var logs = new CapturingLoggerFactory();
        using var client = TestClients.OnStub(handler, logs: logs);

        await client.GetVersionAsync();

        var entry = Assert.Single(logs.Entries);
        Assert.StartsWith("GET /version -> 200 in ", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PVEAPIToken", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Secret, logs.AllText, StringComparison.Ordinal);
    }
}
