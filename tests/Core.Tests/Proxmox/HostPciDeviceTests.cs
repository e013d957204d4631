using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

// Config lines from qemu-server src/test/cfg2cmd/*.conf, quoted in ../shared/proxmox-api/NOTES.md §11.
public sealed class HostPciDeviceTests
{
    [Fact]
    public void Parse_BareHostId_UsesTheDefaultKeyAndPvesDefaults()
    {
        var device = HostPciDevice.Parse("hostpci0", "00:ff.1");

        Assert.Equal(["00:ff.1"], device.HostIds);
        Assert.Equal(0, device.Index);
        Assert.Null(device.Mapping);
        Assert.False(device.IsMapped);
        Assert.False(device.Pcie);
        Assert.False(device.XVga);
        Assert.True(device.RomBar);
        Assert.Null(device.Driver);
    }

    [Fact]
    public void Parse_PcieAndRomBarOff_AreRead()
    {
        var device = HostPciDevice.Parse("hostpci4", "d0:17.0,pcie=1,rombar=0");

        Assert.Equal(4, device.Index);
        Assert.Equal(["d0:17.0"], device.HostIds);
        Assert.True(device.Pcie);
        Assert.False(device.RomBar);
    }

    [Fact]
    public void Parse_MappingWithMdev_IsAMappedDevice()
    {
        var device = HostPciDevice.Parse("hostpci1", "mapping=someGpu,mdev=some-model");

        Assert.True(device.IsMapped);
        Assert.Equal("someGpu", device.Mapping);
        Assert.Equal("some-model", device.Mdev);
        Assert.Empty(device.HostIds);
    }

    [Fact]
    public void Parse_IdOverrides_AreKeptInOptions()
    {
        var device = HostPciDevice.Parse("hostpci0", "00:ff.1,vendor-id=0x1234,device-id=0x5678,sub-vendor-id=0x2233,sub-device-id=0x0000");

        Assert.Equal("0x1234", device.Options["vendor-id"]);
        Assert.Equal("0x0000", device.Options["sub-device-id"]);
        Assert.Equal("00:ff.1", device.Options["host"]);
    }

    [Theory]
    [InlineData("f0:43", new[] { "f0:43" })]
    [InlineData("1234:f0:43", new[] { "1234:f0:43" })]
    [InlineData("host=01:00.0;02:00.0,x-vga=1", new[] { "01:00.0", "02:00.0" })]
    public void Parse_HostAlternativesAndDomains_AreSplitOnSemicolons(string value, string[] expected)
    {
        Assert.Equal(expected, HostPciDevice.Parse("hostpci0", value).HostIds);
    }

    [Fact]
    public void Parse_DriverKeep_IsRead()
    {
        Assert.Equal("keep", HostPciDevice.Parse("hostpci0", "00:ff.1,driver=keep").Driver);
    }

    [Theory]
    [InlineData("hostpci16")]
    [InlineData("hostpci")]
    [InlineData("net0")]
    [InlineData("hostpci-1")]
    public void Parse_KeyOutsideHostpci0To15_IsRejected(string key)
    {
        Assert.Throws<FormatException>(() => HostPciDevice.Parse(key, "00:ff.1"));
    }
}
