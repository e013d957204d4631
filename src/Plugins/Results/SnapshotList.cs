namespace PveAgent.Plugins.Results;

/// <summary>A guest's snapshots, oldest first (<c>list_snapshots</c>).</summary>
/// <param name="Guest">The guest, e.g. <c>VM 105 (jellyfin)</c>.</param>
/// <param name="Snapshots">Its snapshots (the <c>current</c> pseudo-entry excluded).</param>
public sealed record SnapshotList(string Guest, IReadOnlyList<SnapshotRow> Snapshots) : ToolResult;
