namespace PveAgent.Plugins.Results;

/// <summary>Tenstorrent cards with telemetry and health (<c>tenstorrent_status</c>).</summary>
/// <param name="Devices">Every card of the selected nodes.</param>
/// <param name="Notes">Nodes whose telemetry is missing, and why.</param>
public sealed record TenstorrentStatus(IReadOnlyList<TenstorrentRow> Devices, IReadOnlyList<string>? Notes = null) : ToolResult;
