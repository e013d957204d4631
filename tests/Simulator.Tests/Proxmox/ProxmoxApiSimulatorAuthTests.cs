using System.Net;
using PveAgent.Simulator.Proxmox;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorAuthTests
{
    [Fact]
    public async Task Request_WithoutAuthorization_Is401NoTicketWithEmptyBody()
    {
        using var harness = new SimulatorHarness();
        using var anonymous = new HttpClient(new SimulatorMessageHandler(harness.Engine)) { BaseAddress = new Uri(Some.ApiBase) };

        using var response = await anonymous.GetAsync("version");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No ticket", response.ReasonPhrase);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Request_WithWrongSecret_Is401AuthenticationFailed()
    {
        using var harness = new SimulatorHarness();
        using var client = SimulatorHarness.NewClient(harness.Engine, Some.TokenId, "not-the-secret");

        using var response = await client.GetAsync("cluster/resources");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication failed!", response.ReasonPhrase);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Request_WithAnotherTokenId_Is401()
    {
        using var harness = new SimulatorHarness();
        using var client = SimulatorHarness.NewClient(harness.Engine, "root@pam!orchestrator", Some.Secret);

        using var response = await client.GetAsync("version");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_UriEscapedInTheHeader_IsUnescapedLikePve()
    {
        using var harness = new SimulatorHarness();
        using var client = SimulatorHarness.NewClient(harness.Engine, "pveagent%40pve%21orchestrator", Some.Secret);

        using var response = await client.GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithTheConfiguredSecretOption_IsAccepted()
    {
        using var harness = new SimulatorHarness(options: new PveAgentSimulatorOptions { PersistState = false, TokenSecret = "0b3c2d1e-aaaa-bbbb-cccc-123456789abc" });
        using var client = SimulatorHarness.NewClient(harness.Engine, Some.TokenId, "0b3c2d1e-aaaa-bbbb-cccc-123456789abc");
        using var defaultSecret = SimulatorHarness.NewClient(harness.Engine, Some.TokenId, Some.Secret);

        using var accepted = await client.GetAsync("version");
        using var rejected = await defaultSecret.GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task AuthFailure_WithDelayEmulation_AnswersAfterThreeSimulatedSeconds()
    {
        using var harness = new SimulatorHarness(options: new PveAgentSimulatorOptions { PersistState = false, EmulateAuthFailureDelay = true });
        using var client = SimulatorHarness.NewClient(harness.Engine, Some.TokenId, "wrong");

        var pending = client.GetAsync("version");
        for (var i = 0; i < 1000 && harness.Clock.ActiveTimers == 0; i++)
        {
            await Task.Yield();
        }

        harness.Clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(pending.IsCompleted);
        harness.Clock.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void TokenIdFor_WithoutProxmoxBlock_IsTheDefaultTokenId()
    {
        var config = Some.HomeLab() with { Proxmox = null };

        Assert.Equal(ProxmoxApiSimulator.DefaultTokenId, ProxmoxApiSimulator.TokenIdFor(config));
        Assert.Equal(("pve.sim", 8006), ProxmoxApiSimulator.ApiAddressFor(config));
    }
}
