using PveAgent.Core.Plans;
using PveAgent.Core.Security;
using PveAgent.Core.State;
using PveAgent.Plugins;

namespace PveAgent.Mcp;

/// <summary>
/// The cluster as the MCP server works with it, connected by the host on the first call that needs it: where state is
/// read, how actions are carried out, and a fresh <see cref="ToolContext"/> per planning session.
/// </summary>
public sealed class McpCluster : IDisposable
{
    /// <summary>Reads the cluster (the applier's stale check and the policy's view).</summary>
    public required IClusterSnapshotSource Snapshots { get; init; }

    /// <summary>Carries out plan steps.</summary>
    public required IActionRunner Actions { get; init; }

    /// <summary>A new context for one planning session (contexts are not shared between sessions).</summary>
    public required Func<ToolContext> NewToolContext { get; init; }

    /// <summary>Masks the cluster's secrets (the API token) in everything the server writes or answers.</summary>
    public required SecretRedactor Redactor { get; init; }

    /// <summary>What to dispose with the cluster (the host's session), or null.</summary>
    public IDisposable? Owner { get; init; }

    /// <inheritdoc />
    public void Dispose() => Owner?.Dispose();
}
