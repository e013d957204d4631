using PveAgent.Core.Security;

namespace PveAgent.Core.Tests.Security;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_RegisteredSecret_IsMaskedEverywhereItAppears()
    {
        var redactor = new SecretRedactor();
        redactor.Register("6f1c2d3e-aaaa-bbbb-cccc-0123456789ab");

        var text = redactor.Redact("token 6f1c2d3e-aaaa-bbbb-cccc-0123456789ab failed; retry with 6f1c2d3e-aaaa-bbbb-cccc-0123456789ab");

        Assert.Equal("token *** failed; retry with ***", text);
    }

    [Fact]
    public void Redact_PveTokenHeader_MasksTheSecretButKeepsTheTokenId()
    {
        var redactor = new SecretRedactor();

        var text = redactor.Redact("Authorization: PVEAPIToken=pveagent@pve!orchestrator=0f7e3b1a-1111-2222-3333-444455556666");

        Assert.Equal("Authorization: PVEAPIToken=pveagent@pve!orchestrator=***", text);
    }

    [Fact]
    public void Redact_BearerToken_IsMasked()
    {
        var text = new SecretRedactor().Redact("Authorization: Bearer sk-abc123.def");

        Assert.Equal("Authorization: Bearer ***", text);
    }

    [Fact]
    public void Register_ShortValues_AreIgnoredSoOrdinaryWordsSurvive()
    {
        var redactor = new SecretRedactor();
        redactor.Register("on");

        Assert.Equal("node is online", redactor.Redact("node is online"));
    }

    [Fact]
    public void Redact_SecretContainingAnotherSecret_IsMaskedWhole()
    {
        var redactor = new SecretRedactor();
        redactor.Register("abcd");
        redactor.Register("abcdefgh");

        Assert.Equal("x *** y", redactor.Redact("x abcdefgh y"));
    }
}
