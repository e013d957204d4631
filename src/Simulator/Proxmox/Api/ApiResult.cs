using System.Text.Json.Nodes;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>A successful answer: the <c>data</c> value and, for list calls that have it, <c>total</c>.</summary>
internal sealed record ApiResult(JsonNode? Data, int? Total = null);
