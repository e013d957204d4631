using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Scheduling;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Plugins.Planning;

namespace PveAgent.Plugins;

/// <summary>
/// What tools work with during one planning session: the cluster (read once and cached), the Proxmox API for details,
/// the registry, routing settings and the clock. Write tools see the <em>projected</em> cluster, with the effects of the
/// steps already queued in the session applied. Create one per planning session; it is not meant to be shared.
/// </summary>
public sealed class ToolContext
{
    private readonly IClusterSnapshotSource _snapshots;
    private readonly Lock _gate = new();
    private readonly List<ClusterAction> _planned = [];
    private Task<ClusterSnapshot>? _current;
    private bool _claimed;

    /// <summary>Creates a context over the cluster's state source, its API and its registry.</summary>
    public ToolContext(IClusterSnapshotSource snapshots, IProxmoxApi proxmox, ClusterConfig config, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(proxmox);
        ArgumentNullException.ThrowIfNull(config);
        _snapshots = snapshots;
        Proxmox = proxmox;
        Config = config;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The Proxmox API, for details the snapshot lacks (configs, snapshots, PCI devices, task logs).</summary>
    public IProxmoxApi Proxmox { get; }

    /// <summary>The registry (<c>cluster.yaml</c>).</summary>
    public ClusterConfig Config { get; }

    /// <summary>Clock for default snapshot names and plan times.</summary>
    public TimeProvider Time { get; }

    /// <summary>Router weights (default <see cref="RoutingOptions.Default"/>).</summary>
    public RoutingOptions Routing { get; init; } = RoutingOptions.Default;

    /// <summary>Measured latencies per model on each service that the router uses (default none).</summary>
    public LatencyTable Latencies { get; init; } = LatencyTable.Empty;

    /// <summary>Reads the scheduler's queue, when a scheduler runs in this process (null: <c>task_queue</c> says there is none).</summary>
    public Func<QueueSnapshot>? Queue { get; init; }

    /// <summary>Node telemetry, for per-process GPU readings (null: <c>gpu_processes</c> says it is unavailable).</summary>
    public ITelemetryTransport? Telemetry { get; init; }

    /// <summary>The router (pure; shared by the tools of this context).</summary>
    internal Router Router { get; } = new();

    /// <summary>Actions queued so far in the session, in order.</summary>
    public IReadOnlyList<ClusterAction> PlannedActions
    {
        get
        {
            lock (_gate)
            {
                return [.. _planned];
            }
        }
    }

    /// <summary>The cluster as read at the start of the session (one read, cached), or a new read when <paramref name="fresh"/>.</summary>
    public Task<ClusterSnapshot> GetSnapshotAsync(bool fresh = false, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (fresh || _current is null || _current.IsFaulted || _current.IsCanceled)
            {
                _current = _snapshots.ReadAsync(cancellationToken);
            }

            return _current;
        }
    }

    /// <summary>The cluster as it will be once the actions queued so far have run (what write tools validate against).</summary>
    public async Task<ClusterSnapshot> GetProjectedSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var current = await GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        return ProjectedSnapshot.Apply(current, PlannedActions);
    }

    /// <summary>The snapshot read so far, if any, without reading.</summary>
    internal ClusterSnapshot? CurrentIfRead
    {
        get
        {
            lock (_gate)
            {
                return _current is { IsCompletedSuccessfully: true } task ? task.Result : null;
            }
        }
    }

    internal void Claim()
    {
        lock (_gate)
        {
            if (_claimed)
            {
                throw new InvalidOperationException("This ToolContext already belongs to a planning session; create one context per session.");
            }

            _claimed = true;
        }
    }

    internal void AddPlanned(ClusterAction action)
    {
        lock (_gate)
        {
            _planned.Add(action);
        }
    }
}
