using System.Globalization;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Scheduling;

/// <summary>
/// In-memory, thread-safe task scheduler: a priority queue with aging (fair waiting), per-device concurrency slots,
/// VRAM placement across the devices of a node (best fit, a model needing two devices gets two), and preemption of
/// batch work by interactive tasks when the policy allows. It decides when tasks start; executors do the work and
/// report completion.
/// </summary>
/// <remarks>
/// Dispatch happens on every change (submit, complete, cancel), so no timer is needed: nothing can start between
/// changes because resources only free up on one. <see cref="Changed"/> is raised after the lock is released, in
/// the order the changes happened within one call.
/// </remarks>
public sealed class TaskScheduler
{
    private const int MaxDispatchRounds = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeSlots> _nodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Entry> _queued = [];
    private readonly Dictionary<string, Entry> _running = new(StringComparer.Ordinal);
    private readonly SchedulingPolicy _policy;
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>A scheduler for <paramref name="nodes"/> under <paramref name="policy"/>, timing with <paramref name="timeProvider"/>.</summary>
    public TaskScheduler(IEnumerable<SchedulerNode> nodes, SchedulingPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid scheduling policy: " + string.Join(" ", errors), nameof(policy));
        }

        foreach (var node in nodes)
        {
            _nodes[node.Name] = new NodeSlots(node);
        }

        _policy = policy;
        _time = timeProvider;
    }

    /// <summary>Raised after each change: queued, started, paused, evicted, completed, cancelled.</summary>
    public event EventHandler<SchedulerEvent>? Changed;

    /// <summary>Queues <paramref name="task"/> for <paramref name="placement"/> and starts it at once when it fits; returns its id.</summary>
    /// <exception cref="ArgumentException">The node is unknown, has no device of the family, or could never hold the task.</exception>
    public string Submit(TaskRequest task, Placement placement)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(placement);
        var events = new List<SchedulerEvent>();
        string id;
        lock (_gate)
        {
            if (!_nodes.TryGetValue(placement.Node, out var node))
            {
                throw new ArgumentException($"The scheduler knows no node '{placement.Node}'; it knows {string.Join(", ", _nodes.Keys)}.", nameof(placement));
            }

            node.EnsureCanEverHold(placement);
            var now = _time.GetUtcNow();
            id = "t" + (++_sequence).ToString(CultureInfo.InvariantCulture);
            var entry = new Entry(id, task, placement, node, _sequence, now, placement.Preemptible ?? task.Priority == TaskPriority.Batch);
            _queued.Add(entry);
            events.Add(new SchedulerEvent(SchedulerEventKind.Queued, id, node.Name, now, []));
            Dispatch(now, events);
        }

        Raise(events);
        return id;
    }

    /// <summary>Marks a running task finished and frees its devices; false when no such task runs.</summary>
    public bool Complete(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var events = new List<SchedulerEvent>();
        lock (_gate)
        {
            if (!_running.Remove(taskId, out var entry))
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var devices = entry.Release();
            events.Add(new SchedulerEvent(SchedulerEventKind.Completed, taskId, entry.Node.Name, now, devices));
            Dispatch(now, events);
        }

        Raise(events);
        return true;
    }

    /// <summary>Withdraws a queued or running task; false when it is neither.</summary>
    public bool Cancel(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var events = new List<SchedulerEvent>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_running.Remove(taskId, out var running))
            {
                events.Add(new SchedulerEvent(SchedulerEventKind.Cancelled, taskId, running.Node.Name, now, running.Release()));
                Dispatch(now, events);
            }
            else if (_queued.FindIndex(e => e.Id == taskId) is var index and >= 0)
            {
                var queued = _queued[index];
                _queued.RemoveAt(index);
                events.Add(new SchedulerEvent(SchedulerEventKind.Cancelled, taskId, queued.Node.Name, now, []));
                Dispatch(now, events);
            }
            else
            {
                return false;
            }
        }

        Raise(events);
        return true;
    }

    /// <summary>What waits (in start order), what runs and how full each device is, now.</summary>
    public QueueSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return new QueueSnapshot
            {
                At = now,
                Queued = [.. Ordered(now).Select(e => new QueuedTaskView
                {
                    Id = e.Id,
                    Type = e.Task.Type.Name,
                    Model = e.Task.Model,
                    Priority = e.Task.Priority,
                    EffectivePriority = Effective(e, now),
                    Node = e.Node.Name,
                    Accelerator = e.Placement.Accelerator,
                    Waited = now - e.EnqueuedAt,
                    Paused = e.Paused,
                })],
                Running = [.. _running.Values.OrderBy(e => e.StartedAt).ThenBy(e => e.Sequence).Select(e => new RunningTaskView
                {
                    Id = e.Id,
                    Type = e.Task.Type.Name,
                    Model = e.Task.Model,
                    Priority = e.Task.Priority,
                    Node = e.Node.Name,
                    Accelerator = e.Placement.Accelerator,
                    Devices = e.Devices,
                    VramGb = e.Placement.VramGb,
                    StartedAt = e.StartedAt,
                    Preemptible = e.Preemptible,
                })],
                Devices = [.. _nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).SelectMany(n => n.Usage())],
            };
        }
    }

    private void Dispatch(DateTimeOffset now, List<SchedulerEvent> events)
    {
        for (var round = 0; round < MaxDispatchRounds; round++)
        {
            var progressed = false;
            var reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in Ordered(now))
            {
                if (reserved.Contains(entry.Node.Name))
                {
                    continue;
                }

                if (TryStart(entry, now, events, detail: entry.Paused ? "resumed" : null))
                {
                    progressed = true;
                    continue;
                }

                if (entry.Task.Priority == TaskPriority.Interactive && _policy.AllowPreemption && TryPreempt(entry, now, events))
                {
                    // Victims went back to the queue: order again before going on.
                    progressed = true;
                    break;
                }

                if (now - entry.EnqueuedAt >= _policy.StarvationThreshold)
                {
                    reserved.Add(entry.Node.Name);
                }
            }

            if (!progressed)
            {
                return;
            }
        }
    }

    private bool TryStart(Entry entry, DateTimeOffset now, List<SchedulerEvent> events, string? detail)
    {
        var devices = entry.Node.TryPlace(entry.Placement);
        if (devices is null)
        {
            return false;
        }

        entry.Node.Take(entry.Placement, devices);
        _queued.Remove(entry);
        entry.Start(devices, now);
        _running[entry.Id] = entry;
        events.Add(new SchedulerEvent(SchedulerEventKind.Started, entry.Id, entry.Node.Name, now, devices, detail));
        return true;
    }

    private bool TryPreempt(Entry entry, DateTimeOffset now, List<SchedulerEvent> events)
    {
        // Most recently started first: the least work is lost.
        var candidates = _running.Values
            .Where(r => r.Node == entry.Node && r.Preemptible && r.Task.Priority > entry.Task.Priority)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Sequence)
            .ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var trial = entry.Node.Copy();
        var victims = new List<Entry>();
        int[]? devices = null;
        foreach (var candidate in candidates)
        {
            trial.Give(candidate.Placement, candidate.Devices);
            victims.Add(candidate);
            devices = trial.TryPlace(entry.Placement);
            if (devices is not null)
            {
                break;
            }
        }

        if (devices is null)
        {
            return false;
        }

        foreach (var victim in victims)
        {
            _running.Remove(victim.Id);
            var held = victim.Release();
            victim.Requeue(victim.Placement.Pausable);
            _queued.Add(victim);
            var kind = victim.Placement.Pausable ? SchedulerEventKind.Paused : SchedulerEventKind.Evicted;
            events.Add(new SchedulerEvent(kind, victim.Id, victim.Node.Name, now, held, $"to make room for interactive task {entry.Id}"));
        }

        return TryStart(entry, now, events, $"preempted {string.Join(", ", victims.Select(v => v.Id))}");
    }

    private List<Entry> Ordered(DateTimeOffset now) =>
        _queued.OrderByDescending(e => Effective(e, now)).ThenBy(e => e.Sequence).ToList();

    private double Effective(Entry entry, DateTimeOffset now)
    {
        var level = entry.Task.Priority switch
        {
            TaskPriority.Interactive => 2.0,
            TaskPriority.Normal => 1.0,
            _ => 0.0,
        };
        return level + ((now - entry.EnqueuedAt).TotalMinutes * _policy.AgingLevelsPerMinute);
    }

    private void Raise(List<SchedulerEvent> events)
    {
        foreach (var e in events)
        {
            Changed?.Invoke(this, e);
        }
    }

    private sealed class Entry(string id, TaskRequest task, Placement placement, NodeSlots node, long sequence, DateTimeOffset enqueuedAt, bool preemptible)
    {
        public string Id { get; } = id;

        public TaskRequest Task { get; } = task;

        public Placement Placement { get; } = placement;

        public NodeSlots Node { get; } = node;

        public long Sequence { get; } = sequence;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public bool Preemptible { get; } = preemptible;

        public bool Paused { get; private set; }

        public int[] Devices { get; private set; } = [];

        public DateTimeOffset StartedAt { get; private set; }

        public void Start(int[] devices, DateTimeOffset now)
        {
            Devices = devices;
            StartedAt = now;
        }

        public int[] Release()
        {
            var held = Devices;
            Node.Give(Placement, held);
            Devices = [];
            return held;
        }

        public void Requeue(bool paused) => Paused = paused;
    }

    private sealed class NodeSlots
    {
        private readonly SchedulerDevice[] _devices;
        private readonly double[] _freeGb;
        private readonly int[] _freeSlots;
        private readonly double[] _capacityGb;

        public NodeSlots(SchedulerNode node)
            : this(node.Name, [.. node.Devices], [.. node.Devices.Select(d => d.MemoryGb)], [.. node.Devices.Select(d => d.Slots)])
        {
        }

        private NodeSlots(string name, SchedulerDevice[] devices, double[] freeGb, int[] freeSlots)
        {
            Name = name;
            _devices = devices;
            _freeGb = freeGb;
            _freeSlots = freeSlots;
            _capacityGb = [.. devices.Select(d => d.MemoryGb)];
        }

        public string Name { get; }

        public NodeSlots Copy() => new(Name, _devices, [.. _freeGb], [.. _freeSlots]);

        public void EnsureCanEverHold(Placement placement)
        {
            var eligible = _devices.Where(d => d.Kind == placement.Accelerator).ToList();
            if (eligible.Count == 0)
            {
                throw new ArgumentException($"Node '{Name}' has no {placement.Accelerator} device for this task.", nameof(placement));
            }

            var tracked = eligible.Sum(d => d.MemoryGb);
            if ((tracked > 0 && placement.VramGb > tracked + 1e-9) || placement.Devices > eligible.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Node '{Name}' can never hold this task: it needs {placement.VramGb:0.#} GB on {placement.Devices} device(s), the node has {eligible.Count} {placement.Accelerator} device(s) with {tracked:0.#} GB in all."), nameof(placement));
            }
        }

        public int[]? TryPlace(Placement placement)
        {
            Span<bool> eligible = stackalloc bool[_devices.Length];
            Span<int> slots = stackalloc int[_devices.Length];
            for (var i = 0; i < _devices.Length; i++)
            {
                eligible[i] = _devices[i].Kind == placement.Accelerator;
                // An exclusive task needs devices nothing else runs on.
                slots[i] = placement.Exclusive ? (_freeSlots[i] == _devices[i].Slots ? 1 : 0) : _freeSlots[i];
            }

            return VramPlacer.Place(_freeGb, slots, _capacityGb, eligible, placement.VramGb, placement.Devices);
        }

        public void Take(Placement placement, int[] devices) => Adjust(placement, devices, -1);

        public void Give(Placement placement, int[] devices) => Adjust(placement, devices, +1);

        public IEnumerable<DeviceUsageView> Usage() => _devices.Select((d, i) =>
            new DeviceUsageView(Name, d.Index, d.Kind, Math.Round(d.MemoryGb - _freeGb[i], 3), d.MemoryGb, d.Slots - _freeSlots[i], d.Slots));

        private void Adjust(Placement placement, int[] devices, int sign)
        {
            var share = devices.Length > 0 ? placement.VramGb / devices.Length : 0;
            foreach (var d in devices)
            {
                if (_capacityGb[d] > 0)
                {
                    _freeGb[d] += sign * share;
                }

                _freeSlots[d] += sign * (placement.Exclusive ? _devices[d].Slots : 1);
            }
        }
    }
}
