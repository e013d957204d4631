using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

// Vectors from proxmox/pve-common test/upid-test.pl and real UPIDs quoted in ../shared/proxmox-api/NOTES.md §7.
public sealed class UpidTests
{
    [Theory]
    [InlineData("UPID:example-node:0000C346:165A0CE4:68D7279C:aptupdate::root@pam:", "example-node", 49990L, 375000292L, 1758930844L, "aptupdate", "", "root@pam", null)]
    [InlineData("UPID:example-node:000934AF:0D015579:68BF3A41:hastart:100:root@pam:", "example-node", 603311L, 218191225L, 1757362753L, "hastart", "100", "root@pam", null)]
    [InlineData("UPID:example-node:000934AF:0D015579:68BF3A41:vzdump:100:91a1da29-a47d-11f0-84e0-fafbfc944d00@pam!some-token:", "example-node", 603311L, 218191225L, 1757362753L, "vzdump", "100", "91a1da29-a47d-11f0-84e0-fafbfc944d00@pam", "some-token")]
    [InlineData("UPID:example-node:000934AF:FFFFFFFFF:68BF3A41:fake-but-valid-type:100:root@pam:", "example-node", 603311L, 68719476735L, 1757362753L, "fake-but-valid-type", "100", "root@pam", null)]
    [InlineData("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:", "pve1", 0x00171399L, 0x02C8BD1EL, 0x656E69FCL, "qmigrate", "132", "root@pam", "build")]
    public void Parse_PveCommonVectors_DecodeEveryField(string text, string node, long pid, long pstart, long starttime, string type, string id, string user, string? tokenId)
    {
        var upid = Upid.Parse(text);

        Assert.Equal(node, upid.Node);
        Assert.Equal(pid, upid.Pid);
        Assert.Equal(pstart, upid.ProcessStart);
        Assert.Equal(starttime, upid.StartTime);
        Assert.Equal(type, upid.Type);
        Assert.Equal(id, upid.Id);
        Assert.Equal(user, upid.User);
        Assert.Equal(tokenId, upid.TokenId);
        Assert.Equal(text, upid.ToString());
    }

    [Fact]
    public void StartedAt_IsTheHexStartTimeAsUnixSeconds()
    {
        var upid = Upid.Parse("UPID:dahu-2:00007323:001036A5:6419CAF8:qmstart:100:root@pam:");

        Assert.Equal(new DateTimeOffset(2023, 3, 21, 15, 19, 20, TimeSpan.Zero), upid.StartedAt);
    }

    [Theory]
    [InlineData("UPID:example-node:000934AF:0D015579:68BF3A41:broken type string:100:root@pam:")]
    [InlineData("invalid garbage")]
    [InlineData("UPID:node1:000FF1FD:10F9374C:630D702C:vzdump:110:root@pam:keep-running")]
    [InlineData("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam")]
    [InlineData("UPID:-pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam:")]
    [InlineData("UPID:pve1:171399:02C8BD1E:656E69FC:qmigrate:132:root@pam:")]
    [InlineData("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam:\n")]
    [InlineData("")]
    public void TryParse_MalformedText_IsRejected(string text)
    {
        Assert.False(Upid.TryParse(text, out var upid));
        Assert.Null(upid);
        var error = Assert.Throws<FormatException>(() => Upid.Parse(text));
        Assert.Contains("UPID:node:pid:pstart:starttime:type:id:user:", error.Message);
    }

    [Fact]
    public void ToString_KeepsLowerCaseHexAsSent_BecausePveFindsTheLogByTheExactText()
    {
        const string text = "UPID:pve1:0017139a:02c8bd1e:656e69fc:qmstart:100:root@pam:";

        var upid = Upid.Parse(text);

        Assert.Equal(text, upid.ToString());
        Assert.Equal(0x17139AL, upid.Pid);
    }

    [Fact]
    public void Equality_SameText_IsEqual()
    {
        const string text = "UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:";

        Assert.Equal(Upid.Parse(text), Upid.Parse(text));
        Assert.NotEqual(Upid.Parse(text), Upid.Parse(text.Replace("132", "133", StringComparison.Ordinal)));
    }
}
