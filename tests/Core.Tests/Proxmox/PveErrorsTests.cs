using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>PVE's error answers (texts from NOTES.md §6) become typed errors whose message says what to do.</summary>
public sealed class PveErrorsTests
{
    [Theory]
    [InlineData("Authentication failed!")]
    [InlineData("No ticket")]
    public async Task Status401_EmptyBody_IsAuthenticationWithTheFixToCheck(string reason)
    {
        var handler = new StubHttpHandler(401, "", reason);
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetNodesAsync());

        Assert.Equal(PveErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal(reason, error.PveMessage);
        Assert.Contains("authentication failed: check user, token_name and the token secret", error.Message);
        Assert.Contains("pve1.lan:8006", error.Message);
        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Status403_NamesTheMissingPrivilegeAndPath()
    {
        var handler = new StubHttpHandler(403, "", "Permission check failed (/vms/101, VM.PowerMgmt)");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.StartGuestAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(PveErrorKind.Permission, error.Kind);
        Assert.Contains("Grant privilege VM.PowerMgmt on /vms/101", error.Message);
        Assert.Contains("pveum acl modify /vms/101", error.Message);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/nodes/pve1/qemu/101/status/start", error.Path);
    }

    [Fact]
    public async Task Status500ConfigDoesNotExist_IsNotFound_AndNotRetried()
    {
        var handler = new StubHttpHandler(500, "", "Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetGuestConfigAsync("pve1", GuestType.Qemu, 999));

        Assert.Equal(PveErrorKind.NotFound, error.Kind);
        Assert.StartsWith("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.CallCount);
    }

    [Theory]
    [InlineData("VM is locked (backup)")]
    [InlineData("CT is locked (migrate)")]
    [InlineData("can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout")]
    public async Task Status500Locked_IsLocked_WithTheUnlockHint(string reason)
    {
        var handler = new StubHttpHandler(500, "", reason);
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetMigratePreconditionAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(PveErrorKind.Locked, error.Kind);
        Assert.Contains(reason, error.Message);
        Assert.Contains("qm unlock <vmid>", error.Message);
        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Status500GenericReason_WithJsonMessage_PrefersPvesOwnText()
    {
        // libpve-http-server >= 5.2 repeats the reason as "message"; a proxy may have replaced the reason phrase.
        var handler = new StubHttpHandler(500, "{\"data\":null,\"message\":\"VM is locked (snapshot)\\n\"}", "Internal Server Error");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.StopGuestAsync("pve1", GuestType.Qemu, 101));

        Assert.Equal(PveErrorKind.Locked, error.Kind);
        Assert.Equal("VM is locked (snapshot)", error.PveMessage);
    }

    [Fact]
    public async Task Status501UnknownPath_IsProtocol_SayingThePveVersionMayBeTooOld()
    {
        var handler = new StubHttpHandler(501, "", "Method 'GET /cluster/mapping/pci' not implemented");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetPciMappingsAsync());

        Assert.Equal(PveErrorKind.Protocol, error.Kind);
        Assert.Contains("does not implement GET /cluster/mapping/pci", error.Message);
        Assert.Contains("too old", error.Message);
        Assert.Equal(1, handler.CallCount);
    }

    [Theory]
    [InlineData(595, "No route to host")]
    [InlineData(596, "")]
    public async Task Status595Or596_IsNodeUnreachable(int status, string reason)
    {
        var handler = new StubHttpHandler(status, "", reason);
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetNodeStatusAsync("pve2"));

        Assert.Equal(PveErrorKind.NodeUnreachable, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("could not reach the node that serves GET /nodes/pve2/status", error.Message);
    }

    [Fact]
    public async Task NonJsonErrorBody_StillGivesStatusAndReason()
    {
        var handler = new StubHttpHandler(502, "<html><body>Bad Gateway</body></html>", "Bad Gateway");
        using var client = TestClients.OnStub(handler, options: new ProxmoxClientOptions { MaxRetryAttempts = 0 });

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetNodesAsync());

        Assert.Equal(PveErrorKind.ServerError, error.Kind);
        Assert.Equal("Bad Gateway", error.PveMessage);
        Assert.Contains("502 Bad Gateway", error.Message);
    }

    [Fact]
    public async Task SuccessWithMalformedJson_IsProtocolNamingTheCall()
    {
        var handler = new StubHttpHandler(200, """{"data":[{"node":"pve1"}]}""");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetNodesAsync());

        Assert.Equal(PveErrorKind.Protocol, error.Kind);
        Assert.Contains("GET /nodes", error.Message);
        Assert.Contains("status", error.Message);
    }

    [Fact]
    public async Task SuccessWithNullData_WhereDataIsRequired_IsProtocol()
    {
        var handler = new StubHttpHandler(200, """{"data":null}""");
        using var client = TestClients.OnStub(handler);

        var error = await Assert.ThrowsAsync<PveApiException>(() => client.GetVersionAsync());

        Assert.Equal(PveErrorKind.Protocol, error.Kind);
        Assert.Contains("\"data\" was null", error.Message);
    }
}
