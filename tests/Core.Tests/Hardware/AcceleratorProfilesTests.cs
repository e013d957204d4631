using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Hardware;

public sealed class AcceleratorProfilesTests
{
    [Theory]
    [InlineData(AcceleratorKind.Nvidia, "RTX 3090", "RTX 3090")]
    [InlineData(AcceleratorKind.Nvidia, "NVIDIA GeForce RTX 3090", "RTX 3090")]
    [InlineData(AcceleratorKind.Nvidia, "NVIDIA GeForce RTX 3090 Ti", "RTX 3090 Ti")]
    [InlineData(AcceleratorKind.Nvidia, "NVIDIA A100-SXM4-80GB", "A100 80GB")]
    [InlineData(AcceleratorKind.Nvidia, "Tesla T4", "Tesla T4")]
    [InlineData(AcceleratorKind.Tenstorrent, "wormhole-n150", "wormhole-n150")]
    [InlineData(AcceleratorKind.Tenstorrent, "n300 L", "wormhole-n300")]
    [InlineData(AcceleratorKind.Tenstorrent, "p150a", "blackhole-p150a")]
    public void Find_NamesAsWrittenInConfigOrTelemetry_ResolveToTheSameProfile(AcceleratorKind kind, string written, string expected)
    {
        var profile = AcceleratorProfiles.Find(kind, written);

        Assert.Equal(expected, profile.Name);
        Assert.False(profile.IsEstimate);
    }

    [Fact]
    public void Find_UnknownNvidiaModel_FallsBackToAMarkedEstimate()
    {
        var profile = AcceleratorProfiles.Find(AcceleratorKind.Nvidia, "GeForce GT 710");

        Assert.True(profile.IsEstimate);
        Assert.Equal(AcceleratorKind.Nvidia, profile.Kind);
    }

    [Fact]
    public void Find_KindDecidesTheFamily_EvenWhenTheNameLooksLikeAnotherFamily()
    {
        var profile = AcceleratorProfiles.Find(AcceleratorKind.Tenstorrent, "RTX 3090");

        Assert.Equal(AcceleratorKind.Tenstorrent, profile.Kind);
        Assert.True(profile.IsEstimate);
    }
}
