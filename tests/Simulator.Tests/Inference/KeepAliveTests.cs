using System.Text.Json;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class KeepAliveTests
{
    [Theory]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("300ms", 0.3)]
    [InlineData("10m0s", 600)]
    [InlineData("0", 0)]
    [InlineData("45", 45)]
    public void TryParseGoDuration_ReadsGoDurationSyntax(string text, double seconds)
    {
        Assert.True(KeepAlive.TryParseGoDuration(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5 minutes")]
    [InlineData("m5")]
    [InlineData("5d")]
    public void TryParseGoDuration_RejectsWhatGoRejects(string text) =>
        Assert.False(KeepAlive.TryParseGoDuration(text, out _));

    [Theory]
    [InlineData("""{"keep_alive":"-1"}""", true, null)]
    [InlineData("""{"keep_alive":-1}""", true, null)]
    [InlineData("""{"keep_alive":"-5m"}""", true, null)]
    [InlineData("""{"keep_alive":0}""", false, 0.0)]
    [InlineData("""{"keep_alive":120}""", false, 120.0)]
    [InlineData("""{"keep_alive":"2m"}""", false, 120.0)]
    public void TryRead_NegativeMeansForever_NumbersAreSeconds(string json, bool forever, double? seconds)
    {
        Assert.True(KeepAlive.TryRead(JsonDocument.Parse(json).RootElement, out var keepAlive));

        Assert.Equal(forever, keepAlive!.Value.IsForever);
        Assert.Equal(seconds, keepAlive.Value.Duration?.TotalSeconds);
    }

    [Fact]
    public void TryRead_WithoutKeepAlive_GivesNull_AndGarbageFails()
    {
        Assert.True(KeepAlive.TryRead(JsonDocument.Parse("{}").RootElement, out var absent));
        Assert.Null(absent);
        Assert.False(KeepAlive.TryRead(JsonDocument.Parse("""{"keep_alive":"soon"}""").RootElement, out _));
    }
}
