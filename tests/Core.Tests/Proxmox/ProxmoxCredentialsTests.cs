using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class ProxmoxCredentialsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pveagent-credentials-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ProxmoxConnectionConfig With(TokenSecretSource source) => TestClients.Connection() with { TokenSecret = source };

    [Fact]
    public void Resolve_EnvironmentVariable_TrimsTheValueAndBuildsTheTokenId()
    {
        var credentials = ProxmoxCredentials.Resolve(
            With(new TokenSecretSource { EnvironmentVariable = "PVEAGENT_TOKEN" }),
            name => name == "PVEAGENT_TOKEN" ? "  abc-123 \n" : null);

        Assert.Equal("pveagent@pve!orchestrator", credentials.TokenId);
        Assert.Equal("PVEAPIToken=pveagent@pve!orchestrator=abc-123", credentials.AuthorizationHeaderValue);
    }

    [Fact]
    public void Resolve_MissingEnvironmentVariable_NamesTheVariableAndHowToSetIt()
    {
        var error = Assert.Throws<PveApiException>(() => ProxmoxCredentials.Resolve(
            With(new TokenSecretSource { EnvironmentVariable = "PVEAGENT_TOKEN" }), _ => null));

        Assert.Equal(PveErrorKind.Authentication, error.Kind);
        Assert.Contains("environment variable PVEAGENT_TOKEN", error.Message);
        Assert.Contains("export PVEAGENT_TOKEN=<secret>", error.Message);
    }

    [Fact]
    public void Resolve_File_ReadsOnlyTheFirstLineTrimmed()
    {
        var path = Path.Combine(_folder, "token");
        File.WriteAllText(path, "  first-line-secret  \nsecond line\n");

        var credentials = ProxmoxCredentials.Resolve(With(new TokenSecretSource { FilePath = path }), _ => null);

        Assert.Equal("PVEAPIToken=pveagent@pve!orchestrator=first-line-secret", credentials.AuthorizationHeaderValue);
    }

    [Fact]
    public void Resolve_FileUnderTilde_IsLookedUpInHome()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".config", "pveagent"));
        File.WriteAllText(Path.Combine(_folder, ".config", "pveagent", "token"), "from-home\n");

        var credentials = ProxmoxCredentials.Resolve(
            With(new TokenSecretSource { FilePath = "~/.config/pveagent/token" }),
            name => name == "HOME" ? _folder : null);

        Assert.EndsWith("=from-home", credentials.AuthorizationHeaderValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingFile_NamesTheFileAndHowToCreateIt()
    {
        var path = Path.Combine(_folder, "absent");

        var error = Assert.Throws<PveApiException>(() => ProxmoxCredentials.Resolve(With(new TokenSecretSource { FilePath = path }), _ => null));

        Assert.Equal(PveErrorKind.Authentication, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Contains("proxmox.token_value_file", error.Message);
        Assert.Contains("chmod 600", error.Message);
    }

    [Fact]
    public void Resolve_EmptyFile_SaysItIsEmpty()
    {
        var path = Path.Combine(_folder, "empty");
        File.WriteAllText(path, "\n");

        var error = Assert.Throws<PveApiException>(() => ProxmoxCredentials.Resolve(With(new TokenSecretSource { FilePath = path }), _ => null));

        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Resolve_Inline_UsesTheInlineValue()
    {
        var credentials = ProxmoxCredentials.Resolve(With(new TokenSecretSource { IsInline = true, InlineValue = "inline-secret" }), _ => null);

        Assert.EndsWith("=inline-secret", credentials.AuthorizationHeaderValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoSourceAtAll_ExplainsTheTwoWaysToConfigureIt()
    {
        var error = Assert.Throws<PveApiException>(() => ProxmoxCredentials.Resolve(With(new TokenSecretSource()), _ => null));

        Assert.Contains("token_value_env", error.Message);
        Assert.Contains("token_value_file", error.Message);
    }

    [Fact]
    public void ToString_ShowsTheTokenIdButNeverTheSecret()
    {
        var credentials = TestClients.Credentials;

        Assert.Equal("PVEAPIToken=pveagent@pve!orchestrator=***", credentials.ToString());
        Assert.DoesNotContain(TestClients.Secret, $"{credentials}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pveagent@pve")]
    [InlineData("pveagent!orchestrator")]
    [InlineData("pveagent@pve!")]
    [InlineData("!orchestrator")]
    [InlineData("pveagent@pve!a=b")]
    public void Constructor_MalformedTokenId_IsRejectedWithTheExpectedShape(string tokenId)
    {
        var error = Assert.Throws<ArgumentException>(() => new ProxmoxCredentials(tokenId, "secret"));

        Assert.Contains("user@realm!tokenname", error.Message);
    }

    [Fact]
    public void Constructor_SecretWithLineBreak_IsRejectedWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProxmoxCredentials(TestClients.TokenId, "abc\r\nInjected: header"));

        Assert.DoesNotContain("Injected", error.Message, StringComparison.Ordinal);
    }
}
