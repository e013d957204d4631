using PveAgent.Core.Hardware;

namespace PveAgent.Core.Tests.Hardware;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Find_KnownModel_IgnoresCaseAndLatestTag()
    {
        var profile = ModelCatalog.Find("Llama3.2:3B:latest");

        Assert.Equal("llama3.2:3b", profile.Name);
        Assert.False(profile.IsEstimate);
    }

    [Theory]
    [InlineData("mistral-small-24b-instruct", 24, ModelKind.TextGeneration)]
    [InlineData("qwen3:0.6b", 0.6, ModelKind.TextGeneration)]
    [InlineData("smollm2-360m", 0.36, ModelKind.TextGeneration)]
    [InlineData("mxbai-embed-large", 7, ModelKind.Embedding)]
    [InlineData("distil-whisper", 7, ModelKind.SpeechToText)]
    public void Find_UnknownModel_EstimatesParametersFromTheName(string name, double billions, ModelKind kind)
    {
        var profile = ModelCatalog.Find(name);

        Assert.True(profile.IsEstimate);
        Assert.Equal(billions, profile.ParametersBillions, 3);
        Assert.Equal(kind, profile.Kind);
    }

    [Fact]
    public void Find_FullPrecisionName_CostsTwoBytesPerParameter()
    {
        Assert.Equal(16.0, ModelCatalog.Find("custom-8b-bf16").WeightsGb, 2);
        Assert.Equal(4.8, ModelCatalog.Find("custom-8b").WeightsGb, 2);
    }
}
