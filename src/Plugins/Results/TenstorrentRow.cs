namespace PveAgent.Plugins.Results;

/// <summary>One Tenstorrent card in <see cref="TenstorrentStatus"/>.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Index">Card index on the node.</param>
/// <param name="Model">Card model, e.g. <c>wormhole-n150</c>.</param>
/// <param name="Health"><c>ok</c>, <c>hot</c> (≥ 85 °C), <c>no telemetry</c> or <c>node asleep</c>.</param>
/// <param name="BoardId">Board id.</param>
/// <param name="TempC">Hottest chip, °C.</param>
/// <param name="PowerW">Power, W.</param>
/// <param name="Processes">Processes holding it open.</param>
/// <param name="MemGib">Device memory, GiB.</param>
public sealed record TenstorrentRow(string Node, int Index, string Model, string Health, string? BoardId = null, double? TempC = null, double? PowerW = null, int? Processes = null, double? MemGib = null);
