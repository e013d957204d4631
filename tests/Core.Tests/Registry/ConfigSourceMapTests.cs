using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Registry;

public sealed class ConfigSourceMapTests
{
    private static async Task<ConfigSourceMap> SampleMap() =>
        (await new ClusterConfigLoader().LoadFileAsync(SharedFiles.InRepository("cluster.yaml"))).Config!.SourceMap;

    [Fact]
    public async Task Find_ScalarInAList_SpansItsKeyAndValue()
    {
        var map = await SampleMap();

        Assert.Equal(new SourceSpan(30, 9, 30, 17), map.Find("nodes.brian.accelerators[0].count"));
    }

    [Fact]
    public async Task Find_Mapping_SpansFromItsKeyToItsLastValueIgnoringTrailingComments()
    {
        var map = await SampleMap();

        Assert.Equal(new SourceSpan(10, 3, 15, 36), map.Find("cluster.proxmox"));
        Assert.Equal(new SourceSpan(94, 7, 98, 36), map.Find("nodes.edge-tt.services.embed"));
    }

    [Fact]
    public async Task Find_PathNotInTheFile_IsNull()
    {
        var map = await SampleMap();

        Assert.Null(map.Find("nodes.pve3.accelerators"));
        Assert.Contains("nodes.edge-tt.services.embed.kind", map.Paths);
    }

    [Fact]
    public void SourceMap_ConfigBuiltInCode_IsEmpty()
    {
        var config = new ClusterConfig { Cluster = new ClusterSettings { Name = "lab" }, Nodes = [] };

        Assert.Empty(config.SourceMap.Paths);
    }
}
