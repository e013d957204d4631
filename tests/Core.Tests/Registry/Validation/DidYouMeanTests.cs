using PveAgent.Core.Registry.Validation;

namespace PveAgent.Core.Tests.Registry.Validation;

public sealed class DidYouMeanTests
{
    private static readonly string[] Keys = ["host", "type", "accelerators", "capabilities", "services", "storage", "power", "wake_on_lan", "telemetry"];

    [Theory]
    [InlineData("acelerators", "accelerators")]
    [InlineData("capabilites", "capabilities")]
    [InlineData("hsot", "host")]
    [InlineData("Host", "host")]
    [InlineData("wake-on-lan", "wake_on_lan")]
    [InlineData("servcies", "services")]
    public void Suggest_Typo_FindsTheIntendedWord(string typo, string intended) => Assert.Equal(intended, DidYouMean.Suggest(typo, Keys));

    [Theory]
    [InlineData("gpu")]
    [InlineData("colour")]
    [InlineData("x")]
    public void Suggest_DifferentWord_SuggestsNothing(string word) => Assert.Null(DidYouMean.Suggest(word, Keys));

    [Fact]
    public void Distance_AdjacentSwap_CountsAsOneEdit() => Assert.Equal(1, DidYouMean.Distance("nodse", "nodes"));
}
