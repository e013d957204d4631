using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class PropertyStringTests
{
    [Fact]
    public void Parse_DefaultKeyFirst_ThenPairsInOrder()
    {
        var pairs = PropertyString.Parse("virtio=BC:24:11:2A:3B:4C,bridge=vmbr0,firewall=1", defaultKey: "model");

        Assert.Equal(["virtio", "bridge", "firewall"], pairs.Select(p => p.Key));
        Assert.Equal("BC:24:11:2A:3B:4C", pairs[0].Value);
    }

    [Fact]
    public void Parse_QuotedValueWithComma_StaysOneValue()
    {
        var pairs = PropertyString.Parse("node=pve1,path=0000:01:00.0,description=\"GPU, top slot\"");

        Assert.Equal("GPU, top slot", pairs.Single(p => p.Key == "description").Value);
    }

    [Theory]
    [InlineData("ai;gpu", new[] { "ai", "gpu" })]
    [InlineData("ai, gpu  prod", new[] { "ai", "gpu", "prod" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void SplitList_PveSeparators_AreAllAccepted(string? text, string[] expected)
    {
        Assert.Equal(expected, PropertyString.SplitList(text));
    }
}
