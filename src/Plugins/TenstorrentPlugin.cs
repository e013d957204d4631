using System.ComponentModel;
using PveAgent.Core.Plans;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins;

/// <summary>Tenstorrent cards: devices, telemetry and health.</summary>
/// <param name="context">The planning session's context.</param>
public sealed class TenstorrentPlugin(ToolContext context)
{
    /// <summary>A chip this hot or hotter is reported as <c>hot</c> (Wormhole throttles near 90 °C).</summary>
    internal const double HotCelsius = 85;

    private readonly ToolContext _context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Every Tenstorrent card with temperature, power, processes and a health word.</summary>
    [Tool("tenstorrent_status", ToolEffect.Read, Title = "Tenstorrent status", Idempotent = true)]
    [Description("Tenstorrent cards: health, °C, W, processes, memory GiB.")]
    public async Task<ToolResult> TenstorrentStatusAsync(string? node = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (GpuPlugin.Nodes(snapshot, node, out var nodes) is { } error)
        {
            return error;
        }

        var rows = new List<TenstorrentRow>();
        var notes = new List<string>();
        foreach (var n in nodes)
        {
            var cards = n.Accelerators.Where(a => a.Kind == AcceleratorKind.Tenstorrent).ToList();
            rows.AddRange(cards.Select(c => new TenstorrentRow(
                n.Name,
                c.Index,
                c.Model,
                Health(n, c),
                c.Id,
                Facts.Round(c.TemperatureC),
                Facts.Round(c.PowerWatts),
                c.Processes,
                c.MemoryTotalMib is { } mib ? Facts.Round(mib / 1024) : null)));
            if (cards.Count > 0 && GpuPlugin.Note(n) is { } note)
            {
                notes.Add(note);
            }
        }

        return new TenstorrentStatus(rows, notes.Count > 0 ? notes : null);
    }

    private static string Health(NodeState node, AcceleratorState card) =>
        node.Status != NodeStatus.Online ? $"node {Facts.Status(node.Status)}"
        : !card.HasTelemetry ? "no telemetry"
        : card.TemperatureC >= HotCelsius ? "hot"
        : "ok";
}
