namespace PveAgent.Core.Registry;

/// <summary>The whole hardware registry: the parsed and validated <c>cluster.yaml</c>.</summary>
public sealed record ClusterConfig
{
    /// <summary>Cluster-wide settings.</summary>
    public required ClusterSettings Cluster { get; init; }

    /// <summary>Proxmox API connection; may be absent only when <see cref="ClusterSettings.Simulate"/> is true.</summary>
    public ProxmoxConnectionConfig? Proxmox { get; init; }

    /// <summary>Nodes in declaration order.</summary>
    public required IReadOnlyList<NodeConfig> Nodes { get; init; }

    /// <summary>File the configuration was read from, as named to the loader; null when built in code.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Where each entry came from in <see cref="SourcePath"/> (empty when built in code).</summary>
    public ConfigSourceMap SourceMap { get; init; } = ConfigSourceMap.Empty;

    /// <summary>Values of sections bound by binders added to the loader (see <see cref="IConfigSectionBinder"/>).</summary>
    public ConfigSections Sections { get; init; } = ConfigSections.Empty;

    /// <summary>Finds a node by name (case-insensitive), or null.</summary>
    public NodeConfig? FindNode(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
}
