using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Hardware;

public sealed class PerformanceModelTests
{
    private static readonly AcceleratorProfile Rtx3090 = AcceleratorProfiles.Find(AcceleratorKind.Nvidia, "RTX 3090");
    private static readonly AcceleratorProfile N150 = AcceleratorProfiles.Find(AcceleratorKind.Tenstorrent, "wormhole-n150");

    [Fact]
    public void Decode_IsBandwidthBound_SoA3090OutrunsAnN150OnTheSameModel()
    {
        var model = ModelCatalog.Find("llama3.2:3b");

        var gpu = PerformanceModel.DecodeTokensPerSecond(model, Rtx3090);
        var tt = PerformanceModel.DecodeTokensPerSecond(model, N150);

        // 0.6 x 936 GB/s / 2 GB and 0.45 x 288 GB/s / 2 GB.
        Assert.Equal(280.8, gpu, 1);
        Assert.Equal(64.8, tt, 1);
    }

    [Fact]
    public void DevicesNeeded_70BModel_NeedsTwo3090s_AndCannotFitOnOneN150()
    {
        var model = ModelCatalog.Find("llama-3.3-70b");

        Assert.Equal(2, PerformanceModel.DevicesNeeded(model, Rtx3090, available: 3));
        Assert.Equal(0, PerformanceModel.DevicesNeeded(model, N150, available: 1));
    }

    [Fact]
    public void LoadSeconds_GrowWithWeights_AndIncludeTheFixedOverhead()
    {
        var small = PerformanceModel.LoadSeconds(ModelCatalog.Find("llama3.2:3b"), Rtx3090);
        var large = PerformanceModel.LoadSeconds(ModelCatalog.Find("qwen-2.5-32b"), Rtx3090);

        Assert.Equal(PerformanceModel.LoadOverheadSeconds + (2.0 / 3), small, 3);
        Assert.Equal((19.9 - 2.0) / 3, large - small, 3);
    }

    [Fact]
    public void TensorParallel_SpeedsUpDecode_ButLessThanLinearly()
    {
        var model = ModelCatalog.Find("qwen-2.5-32b");

        var one = PerformanceModel.DecodeTokensPerSecond(model, Rtx3090, devices: 1);
        var three = PerformanceModel.DecodeTokensPerSecond(model, Rtx3090, devices: 3);

        Assert.InRange(three / one, 2.0, 2.99);
    }
}
