using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>One entry of <c>GET /cluster/status</c>: the cluster itself (<c>type</c> "cluster") or one member node ("node").</summary>
public sealed record ClusterStatusEntry
{
    /// <summary><c>cluster</c> or <c>node</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary><c>cluster</c> or <c>node/&lt;name&gt;</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Cluster name or node name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Whether the cluster has quorum (cluster entry only).</summary>
    [JsonPropertyName("quorate")]
    public bool? Quorate { get; init; }

    /// <summary>Number of member nodes (cluster entry only).</summary>
    [JsonPropertyName("nodes")]
    public int? Nodes { get; init; }

    /// <summary>Cluster config version (cluster entry only).</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>Corosync node id (node entries only).</summary>
    [JsonPropertyName("nodeid")]
    public int? NodeId { get; init; }

    /// <summary>Node address (node entries only).</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    /// <summary>Whether the node is online (node entries only).</summary>
    [JsonPropertyName("online")]
    public bool? Online { get; init; }

    /// <summary>True for the node that answered the request.</summary>
    [JsonPropertyName("local")]
    public bool? Local { get; init; }

    /// <summary>Subscription level (empty without subscription).</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }
}
