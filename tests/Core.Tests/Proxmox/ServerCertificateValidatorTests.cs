using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class ServerCertificateValidatorTests
{
    // A real fingerprint as PVE prints it (nodes.pve8 example).
    private const string Pve = "80:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5";

    [Theory]
    [InlineData(Pve)]
    [InlineData("80:d4:f2:df:64:95:cd:8d:a0:82:82:ac:48:ba:c0:7a:1b:6b:87:8b:fe:b9:83:1c:95:4e:79:58:77:99:69:f5")]
    [InlineData("80D4F2DF6495CD8DA08282AC48BAC07A1B6B878BFEB9831C954E7958779969F5")]
    [InlineData(" 80 D4 F2 DF 64 95 CD 8D A0 82 82 AC 48 BA C0 7A 1B 6B 87 8B FE B9 83 1C 95 4E 79 58 77 99 69 F5 ")]
    public void NormalizeFingerprint_AnyCommonNotation_GivesUpperHex(string fingerprint)
    {
        Assert.Equal("80D4F2DF6495CD8DA08282AC48BAC07A1B6B878BFEB9831C954E7958779969F5", ServerCertificateValidator.NormalizeFingerprint(fingerprint));
    }

    [Theory]
    [InlineData("80:D4")]
    [InlineData("ZZ:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5")]
    [InlineData("5B:A3:0A:5F:2A:44:3E:43:24:1C:7B:36:A6:B1:53:F3:32:5E:66:0E")]
    public void NormalizeFingerprint_NotSha256_IsRejected(string fingerprint)
    {
        Assert.Throws<ArgumentException>(() => ServerCertificateValidator.NormalizeFingerprint(fingerprint));
    }

    [Fact]
    public void FormatFingerprint_GivesPvesColonForm()
    {
        Assert.Equal(Pve, ServerCertificateValidator.FormatFingerprint("80d4f2df6495cd8da08282ac48bac07a1b6b878bfeb9831c954e7958779969f5"));
    }
}
