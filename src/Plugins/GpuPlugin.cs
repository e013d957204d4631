using System.ComponentModel;
using PveAgent.Core.Plans;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins;

/// <summary>NVIDIA GPUs: inventory and telemetry, free VRAM, which models are loaded where, and the processes on them.</summary>
/// <param name="context">The planning session's context.</param>
public sealed class GpuPlugin(ToolContext context)
{
    private readonly ToolContext _context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Every NVIDIA GPU with its latest telemetry.</summary>
    [Tool("gpu_status", ToolEffect.Read, Title = "GPU status", Idempotent = true)]
    [Description("NVIDIA GPUs: VRAM MiB total/used/free, use %, °C, W.")]
    public async Task<ToolResult> GpuStatusAsync(string? node = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (Nodes(snapshot, node, out var nodes) is { } error)
        {
            return error;
        }

        var rows = new List<GpuRow>();
        var notes = new List<string>();
        foreach (var n in nodes)
        {
            var gpus = n.Accelerators.Where(a => a.Kind == AcceleratorKind.Nvidia).ToList();
            rows.AddRange(gpus.Select(g => new GpuRow(
                n.Name,
                g.Index,
                g.Model,
                g.HasTelemetry,
                Facts.Round(g.MemoryTotalMib, 0),
                Facts.Round(g.MemoryUsedMib, 0),
                Facts.Round(g.MemoryFreeMib, 0),
                Facts.Round(g.UtilizationPercent, 0),
                Facts.Round(g.TemperatureC, 0),
                Facts.Round(g.PowerWatts, 0),
                g.Processes)));
            if (gpus.Count > 0 && Note(n) is { } note)
            {
                notes.Add(note);
            }
        }

        return new GpuList(rows, notes.Count > 0 ? notes : null);
    }

    /// <summary>Inference services and the models resident in each.</summary>
    [Tool("loaded_models", ToolEffect.Read, Title = "Loaded models", Idempotent = true)]
    [Description("Per service: warm models (VRAM MiB), available models, requests running/waiting.")]
    public async Task<ToolResult> LoadedModelsAsync(string? node = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (Nodes(snapshot, node, out var nodes) is { } error)
        {
            return error;
        }

        var names = nodes.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = snapshot.Services.Where(s => names.Contains(s.Node)).Select(s => new ServiceRow(
            s.Node,
            s.Name,
            s.Kind.ToString().ToLowerInvariant(),
            s.Reachable,
            [.. s.Loaded.Select(m => new LoadedModelRow(m.Name, m.VramBytes is { } bytes ? Math.Round(bytes / 1024d / 1024) : null, m.ExpiresAt))],
            s.Available.Count > 0 ? s.Available : null,
            s.RequestsRunning,
            s.RequestsWaiting,
            s.Error)).ToList();
        return new ModelList(rows);
    }

    /// <summary>Processes holding a node's GPUs, read live from the node's telemetry.</summary>
    [Tool("gpu_processes", ToolEffect.Read, Title = "GPU processes", Idempotent = true)]
    [Description("Processes on a node's GPUs, VRAM MiB each.")]
    public async Task<ToolResult> GpuProcessesAsync(string node, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (!NodeResolver.TryResolve(snapshot, node, out var found, out var error))
        {
            return error;
        }

        if (found.Config is not { } config || !config.Accelerators.Any(a => a.Kind == AcceleratorKind.Nvidia))
        {
            return new ToolError($"Node {found.Name} has no NVIDIA GPU in cluster.yaml.");
        }

        if (found.Status != NodeStatus.Online)
        {
            return new ToolError($"Node {found.Name} is {Facts.Status(found.Status)}; its GPUs run no processes.");
        }

        if (_context.Telemetry is not { } telemetry)
        {
            return new ToolError("Per-process GPU readings need node telemetry, which this session was started without.");
        }

        var reading = await telemetry.ReadAsync(config, cancellationToken).ConfigureAwait(false);
        if (!reading.Succeeded && reading.Gpus.Count == 0)
        {
            return new ToolError($"Could not read {found.Name}'s GPUs: {reading.Error}");
        }

        var rows = reading.Gpus
            .SelectMany(g => (g.Processes ?? []).Select(p => new GpuProcessRow(g.Index, p.Pid, p.Name, Facts.Round(p.UsedMemoryMib, 0))))
            .ToList();
        return new GpuProcessList(found.Name, rows);
    }

    /// <summary>Selects the nodes a filter names; all nodes when there is none.</summary>
    internal static ToolError? Nodes(ClusterSnapshot snapshot, string? node, out IReadOnlyList<NodeState> nodes)
    {
        if (node is null)
        {
            nodes = snapshot.Nodes;
            return null;
        }

        if (!NodeResolver.TryResolve(snapshot, node, out var found, out var error))
        {
            nodes = [];
            return error;
        }

        nodes = [found];
        return null;
    }

    internal static string? Note(NodeState node) =>
        node.Status != NodeStatus.Online ? $"{node.Name} is {Facts.Status(node.Status)}: figures are from cluster.yaml"
        : node.TelemetryError is { } error ? $"{node.Name}: no telemetry ({error})"
        : null;
}
