using PveAgent.Core.State;

namespace PveAgent.Plugins.Tests;

public sealed class GuestResolverTests
{
    [Theory]
    [InlineData("105", 105)]
    [InlineData("vm 105", 105)]
    [InlineData("ct 202", 202)]
    [InlineData("VM110", 110)]
    [InlineData("jellyfin", 105)]
    [InlineData("JellyFin", 105)]
    [InlineData("the homeassistant vm", 100)]
    [InlineData("jelly", 105)]
    [InlineData("dev", 110)]
    [InlineData("'ollama-brian'", 202)]
    public void TryResolve_IdNameOrUniquePrefix_FindsTheGuest(string text, int expected)
    {
        var found = GuestResolver.TryResolve(Some.Cluster(), text, out var guest, out _);

        Assert.True(found);
        Assert.Equal(expected, guest.VmId);
    }

    [Fact]
    public void TryResolve_ExactNameBeatsLongerNamesSharingItAsPrefix()
    {
        var snapshot = Some.Cluster(Some.Guest(120, "web"), Some.Guest(121, "web-staging"));

        Assert.True(GuestResolver.TryResolve(snapshot, "web", out var guest, out _));
        Assert.Equal(120, guest.VmId);
    }

    [Fact]
    public void TryResolve_PrefixOfSeveralNames_IsAnErrorListingThem()
    {
        var snapshot = Some.Cluster(Some.Guest(120, "web-prod"), Some.Guest(121, "web-staging"), Some.Guest(122, "db"));

        var found = GuestResolver.TryResolve(snapshot, "web", out _, out var error);

        Assert.False(found);
        Assert.Contains("matches several guests", error.Error, StringComparison.Ordinal);
        Assert.Equal(["web-prod (VM 120 on brian)", "web-staging (VM 121 on brian)"], error.DidYouMean);
    }

    [Fact]
    public void TryResolve_DuplicateExactName_IsAmbiguousNotTheFirst()
    {
        var snapshot = Some.Cluster(Some.Guest(120, "web"), Some.Guest(121, "web", "pve3"));

        Assert.False(GuestResolver.TryResolve(snapshot, "web", out _, out var error));
        Assert.Contains("give the id", error.Error, StringComparison.Ordinal);
        Assert.Equal(2, error.DidYouMean!.Count);
    }

    [Fact]
    public void TryResolve_Misspelling_SuggestsTheCloseName()
    {
        Assert.False(GuestResolver.TryResolve(Some.Cluster(), "jellyfun", out _, out var error));

        Assert.Contains("No guest is named 'jellyfun'", error.Error, StringComparison.Ordinal);
        Assert.Equal("jellyfin (VM 105 on brian)", Assert.Single(error.DidYouMean!));
    }

    [Fact]
    public void TryResolve_UnknownId_SaysSoAndSuggestsNearIds()
    {
        Assert.False(GuestResolver.TryResolve(Some.Cluster(), "vm 111", out _, out var error));

        Assert.Equal("No guest has id 111.", error.Error);
        Assert.Contains("dev-sandbox (VM 110 on brian)", error.DidYouMean!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("the vm")]
    public void TryResolve_NothingButFillerWords_AsksForAGuest(string text)
    {
        Assert.False(GuestResolver.TryResolve(Some.Cluster(), text, out _, out var error));

        Assert.StartsWith("No guest given", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_ContainerAskedForAsVm_StillResolvesByIdBecauseIdsAreUnique()
    {
        Assert.True(GuestResolver.TryResolve(Some.Cluster(), "vm 202", out var guest, out _));

        Assert.Equal(GuestType.Lxc, guest.Type);
    }
}
