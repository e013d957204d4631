namespace PveAgent.Plugins.Tests;

public sealed class NodeResolverTests
{
    [Theory]
    [InlineData("brian", "brian")]
    [InlineData("Brian", "brian")]
    [InlineData("node pve3", "pve3")]
    [InlineData("edge", "edge-tt")]
    public void TryResolve_NameOrUniquePrefix_FindsTheNode(string text, string expected)
    {
        Assert.True(NodeResolver.TryResolve(Some.Cluster(), text, out var node, out _));

        Assert.Equal(expected, node.Name);
    }

    [Fact]
    public void TryResolve_Unknown_ListsTheNodesClosestFirst()
    {
        Assert.False(NodeResolver.TryResolve(Some.Cluster(), "pve2", out _, out var error));

        Assert.Equal("No node is named 'pve2'. The nodes are brian, pve3, edge-tt.", error.Error);
        Assert.Equal("pve3", error.DidYouMean![0]);
    }

    [Fact]
    public void TryResolve_NothingLikeANode_ListsTheNodesWithoutAFalseSuggestion()
    {
        Assert.False(NodeResolver.TryResolve(Some.Cluster(), "nowhere", out _, out var error));

        Assert.Equal("No node is named 'nowhere'. The nodes are brian, pve3, edge-tt.", error.Error);
        Assert.Null(error.DidYouMean);
    }
}
