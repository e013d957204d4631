using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class PciMappingEntryTests
{
    [Fact]
    public void Parse_QemuServerTestSuiteEntry_ReadsNodePathIdAndGroup()
    {
        // From qemu-server's test suite, quoted in NOTES.md §10.
        var entry = PciMappingEntry.Parse("node=localhost,path=0000:01:00.4,id=10de:2231,iommugroup=1");

        Assert.Equal("localhost", entry.Node);
        Assert.Equal(["0000:01:00.4"], entry.Paths);
        Assert.Equal("10de:2231", entry.DeviceId);
        Assert.Equal(1, entry.IommuGroup);
        Assert.Null(entry.SubsystemId);
    }

    [Fact]
    public void Parse_SeveralPathsAndSubsystem_AreAllKept()
    {
        var entry = PciMappingEntry.Parse("node=brian,path=0000:01:00.0;0000:02:00.0,id=10de:2204,subsystem-id=1458:403b");

        Assert.Equal(["0000:01:00.0", "0000:02:00.0"], entry.Paths);
        Assert.Equal("1458:403b", entry.SubsystemId);
        Assert.Null(entry.IommuGroup);
    }

    [Fact]
    public void Mapping_CoversNode_OnlyForNodesWithAnEntry()
    {
        var mapping = new PciMapping { Id = "rtx3090", Map = ["node=brian,path=0000:01:00.0,id=10de:2204", "node=pve3,path=0000:41:00.0,id=10de:2204"] };

        Assert.True(mapping.CoversNode("brian"));
        Assert.True(mapping.CoversNode("pve3"));
        Assert.False(mapping.CoversNode("edge-tt"));
    }
}
