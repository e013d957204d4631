using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Simulation;

/// <summary>The sample home lab: the repository's own <c>cluster.yaml</c> (brian, pve3, edge-tt), loaded as the CLI loads it.</summary>
internal static class SampleCluster
{
    private static readonly Lazy<ClusterConfig> Loaded = new(() =>
    {
        var path = SharedFiles.InRepository("cluster.yaml");
        var result = new ClusterConfigLoader().Load(File.ReadAllText(path), path);
        return result.Config ?? throw new InvalidOperationException("cluster.yaml does not load: " + string.Join("; ", result.Diagnostics));
    });

    public static ClusterConfig Config => Loaded.Value;
}
