using PveAgent.Core.Discovery;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Discovery;

// Field formats as GET /nodes/{node}/hardware/pci returns them (proxmox-api NOTES §10): raw sysfs strings.
public sealed class PciAcceleratorClassifierTests
{
    [Fact]
    public void Classify_NvidiaVgaFunction_IsAGpuNamedAsPeopleWriteIt()
    {
        var gpu = new PciDevice { Id = "0000:01:00.0", Class = "0x030000", Vendor = "0x10de", Device = "0x2204", DeviceName = "GA102 [GeForce RTX 3090]" };

        var result = PciAcceleratorClassifier.Classify(gpu);

        Assert.Equal((AcceleratorKind.Nvidia, "RTX 3090"), result);
    }

    [Fact]
    public void Classify_TheGpusAudioFunction_IsNotAnAccelerator()
    {
        var audio = new PciDevice { Id = "0000:01:00.1", Class = "0x040300", Vendor = "0x10de", Device = "0x1aef", DeviceName = "GA102 High Definition Audio Controller" };

        Assert.Null(PciAcceleratorClassifier.Classify(audio));
    }

    [Fact]
    public void Classify_DataCenterGpuWith3DControllerClass_IsAGpu()
    {
        var a100 = new PciDevice { Id = "0000:41:00.0", Class = "0x030200", Vendor = "0x10de", Device = "0x20b2", DeviceName = "GA100 [A100 SXM4 80GB]" };

        Assert.Equal((AcceleratorKind.Nvidia, "A100 SXM4 80GB"), PciAcceleratorClassifier.Classify(a100));
    }

    [Theory]
    [InlineData("0x401e", "wormhole")]
    [InlineData("0xb140", "blackhole")]
    [InlineData("0xfaca", "grayskull")]
    public void Classify_TenstorrentByDeviceId_NamesTheGeneration(string device, string expected)
    {
        var card = new PciDevice { Id = "0000:02:00.0", Class = "0x120000", Vendor = "0x1e52", Device = device };

        Assert.Equal((AcceleratorKind.Tenstorrent, expected), PciAcceleratorClassifier.Classify(card));
    }

    [Fact]
    public void Classify_NetworkCardAndBridge_AreIgnored()
    {
        Assert.Null(PciAcceleratorClassifier.Classify(new PciDevice { Id = "0000:05:00.0", Class = "0x020000", Vendor = "0x8086", Device = "0x1533" }));
        Assert.Null(PciAcceleratorClassifier.Classify(new PciDevice { Id = "0000:00:01.0", Class = "0x060400", Vendor = "0x1022", Device = "0x1483" }));
    }

    [Theory]
    [InlineData("NVIDIA GeForce RTX 3090", "RTX 3090")]
    [InlineData("GA102 [GeForce RTX 3090 Ti]", "RTX 3090 Ti")]
    [InlineData("Tesla T4", "Tesla T4")]
    [InlineData("NVIDIA A100-SXM4-80GB", "A100-SXM4-80GB")]
    public void CleanNvidiaName_DropsBrandPrefixesAndChipCodes(string raw, string expected)
    {
        Assert.Equal(expected, PciAcceleratorClassifier.CleanNvidiaName(raw));
    }
}
