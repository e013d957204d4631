using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>Builds clients the way production does (<see cref="ProxmoxApiClient.Create"/>), on a stub transport or a real socket.</summary>
public static class TestClients
{
    /// <summary>A secret distinctive enough to search for in messages and logs.</summary>
    public const string Secret = "s3cr3t-VALUE-that-must-never-be-printed";

    public const string TokenId = "pveagent@pve!orchestrator";

    public static ProxmoxCredentials Credentials => new(TokenId, Secret);

    public static ProxmoxConnectionConfig Connection(string host = "pve1.lan", int port = 8006, string? fingerprint = null, bool insecure = false, double timeoutSeconds = 10) =>
        new()
        {
            Host = host,
            Port = port,
            User = "pveagent@pve",
            TokenName = "orchestrator",
            TokenSecret = new TokenSecretSource { EnvironmentVariable = "PVEAGENT_TOKEN" },
            Fingerprint = fingerprint,
            InsecureSkipVerify = insecure,
            TimeoutSeconds = timeoutSeconds,
        };

    /// <summary>A client whose requests go to <paramref name="handler"/>; retries without delay unless options say otherwise.</summary>
    public static ProxmoxApiClient OnStub(
        HttpMessageHandler handler,
        TimeProvider? time = null,
        ProxmoxClientOptions? options = null,
        CapturingLoggerFactory? logs = null) =>
        ProxmoxApiClient.Create(
            Connection(),
            Credentials,
            logs ?? new CapturingLoggerFactory(),
            time ?? TimeProvider.System,
            handler,
            options: options ?? new ProxmoxClientOptions { RetryBaseDelay = TimeSpan.Zero });

    /// <summary>A client answering every call with the bytes of a file from ../shared/proxmox-api/examples.</summary>
    public static (ProxmoxApiClient Client, StubHttpHandler Handler) OnExample(string file, bool wrapInEnvelope = false, int status = 200, string? reasonPhrase = null)
    {
        var bytes = File.ReadAllBytes(SharedFiles.Shared(["proxmox-api", "examples", .. file.Split('/')]));
        if (wrapInEnvelope)
        {
            // pvesh prints only the "data" member; the API wraps it.
            bytes = [.. "{\"data\":"u8, .. bytes, .. "}"u8];
        }

        var handler = new StubHttpHandler((_, _) => Task.FromResult(StubHttpHandler.Response(status, bytes, reasonPhrase)));
        return (OnStub(handler), handler);
    }
}
