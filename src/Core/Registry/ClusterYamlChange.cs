namespace PveAgent.Core.Registry;

/// <summary>One edit <see cref="ClusterYamlEditor"/> can make to <c>cluster.yaml</c>.</summary>
public abstract record ClusterYamlChange
{
    private protected ClusterYamlChange()
    {
    }
}
