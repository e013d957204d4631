using PveAgent.Core.Hardware;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>
/// One policy on one arrival sequence: a discrete-event loop on virtual time (arrivals, model loads finishing, work
/// finishing), processor sharing per accelerator group, model loads one at a time per node (one disk), energy and
/// utilisation integrated between events.
/// </summary>
internal sealed class PolicySimulation(SimulatedCluster cluster, IRoutingPolicy policy)
{
    private readonly PriorityQueue<SimEvent, (double Time, long Sequence)> _events = new();
    private readonly HashSet<ActiveTask> _inSystem = [];
    private readonly List<double> _completionMs = [];
    private long _sequence;
    private double _now;
    private int _failed;
    private int _modelTasks;
    private int _warmHits;
    private int _loads;
    private double _energyJoules;
    private double _busyDeviceSeconds;

    /// <summary>Every finished task with where its time went (for tests and diagnosis).</summary>
    public List<ActiveTask> Finished { get; } = [];

    public PolicyResult Run(IReadOnlyList<SimTask> tasks, double minutes)
    {
        foreach (var task in tasks)
        {
            Schedule(task.ArrivalSeconds, new SimEvent(SimEventKind.Arrival, task, null, null, 0));
        }

        var horizon = (minutes * 60) + cluster.Options.DrainSeconds;
        while (_events.TryDequeue(out var next, out var key))
        {
            if (key.Time > horizon)
            {
                break;
            }

            Integrate(key.Time);
            switch (next.Kind)
            {
                case SimEventKind.Arrival:
                    Arrive(next.Task!);
                    break;
                case SimEventKind.LoadDone:
                    LoadDone(next.Resident!);
                    break;
                default:
                    Finish(next.Group!, next.Version);
                    break;
            }
        }

        // The run lasts at least the arrival window; work still running at the horizon keeps the nodes busy until then.
        var end = _inSystem.Count > 0 ? horizon : Math.Max(minutes * 60, _now);
        Integrate(end);

        var completed = _completionMs.Count;
        foreach (var unfinished in _inSystem)
        {
            _failed++;
            _completionMs.Add((end - unfinished.Task.ArrivalSeconds) * 1000);
        }

        _completionMs.Sort();
        var devices = cluster.Nodes.SelectMany(n => n.Groups).Where(g => g.CountsForUtilization).Sum(g => g.Devices);
        return new PolicyResult
        {
            Policy = policy.Name,
            Tasks = tasks.Count,
            Completed = completed,
            Failed = _failed,
            P50Ms = Percentile(0.50),
            P95Ms = Percentile(0.95),
            P99Ms = Percentile(0.99),
            MeanMs = _completionMs.Count > 0 ? _completionMs.Average() : 0,
            WarmHitRate = _modelTasks > 0 ? (double)_warmHits / _modelTasks : 0,
            ModelLoads = _loads,
            Utilization = devices > 0 && end > 0 ? _busyDeviceSeconds / (devices * end) : 0,
            EnergyKwh = _energyJoules / 3.6e6,
            SimulatedSeconds = end,
            CompletionTimesMs = _completionMs,
        };
    }

    private void Arrive(SimTask task)
    {
        var target = policy.Choose(task, cluster, _now);
        if (target is null || (target.Service is not null && target.Model is null))
        {
            _failed++;
            return;
        }

        var profile = target.Model is null ? null : ModelCatalog.Find(target.Model);
        var active = new ActiveTask { Task = task, Group = target.Group, Service = target.Service, ModelName = target.Model, Profile = profile };
        target.Group.InFlight++;
        _inSystem.Add(active);
        if (target.Service is null)
        {
            // A job loads what it needs each time and keeps nothing resident.
            target.Group.Jobs++;
            var load = profile is null ? 0 : PerformanceModel.LoadSeconds(profile, target.Group.Profile);
            active.ServedAt = _now;
            Start(active, WorkEstimator.ServiceSeconds(task.Request, profile, target.Group.Profile, 1) + load);
            return;
        }

        _modelTasks++;
        if (!TryServe(active))
        {
            target.Service.Pending.Enqueue(active);
        }
    }

    /// <summary>Starts the task on a warm model, attaches it to a load in progress, or starts a load; false when busy models hold the memory.</summary>
    private bool TryServe(ActiveTask active)
    {
        var service = active.Service!;
        var group = service.Group;
        var key = ModelKey.Normalize(active.ModelName!);
        var resident = SimulatedCluster.FindResident(service, key);
        if (resident is null)
        {
            var need = active.Profile!.ServingMemoryGb;
            var devices = SimulatedCluster.Place(group, need, evict: true);
            if (devices is null)
            {
                return false;
            }

            resident = new ResidentModel
            {
                Service = service,
                Key = key,
                Name = active.ModelName!,
                Profile = active.Profile,
                Devices = devices,
                ShareGb = need / devices.Length,
                LastUsed = _now,
            };
            foreach (var d in devices)
            {
                group.FreeGb[d] -= resident.ShareGb;
            }

            group.Residents.Add(resident);
            _loads++;
            // PerformanceModel.LoadSeconds assumes the whole disk path: a second load on the node waits for the first.
            var node = group.Node;
            var done = Math.Max(_now, node.DiskFreeAt) + PerformanceModel.LoadSeconds(active.Profile, group.Profile, devices.Length);
            node.DiskFreeAt = done;
            Schedule(done, new SimEvent(SimEventKind.LoadDone, null, resident, null, 0));
        }

        resident.InUse++;
        active.Resident = resident;
        active.ServedAt = _now;
        if (resident.Loaded)
        {
            active.WarmHit = true;
            _warmHits++;
            StartOnResident(active);
        }
        else
        {
            resident.Waiters.Add(active);
        }

        return true;
    }

    private void LoadDone(ResidentModel resident)
    {
        resident.Loaded = true;
        foreach (var waiter in resident.Waiters)
        {
            StartOnResident(waiter);
        }

        resident.Waiters.Clear();
    }

    private void StartOnResident(ActiveTask active)
    {
        var group = active.Group;
        Start(active, WorkEstimator.ServiceSeconds(active.Task.Request, active.Profile, group.Profile, active.Resident!.Devices.Length));
    }

    private void Start(ActiveTask active, double work)
    {
        var group = active.Group;
        group.Advance(_now);
        active.Remaining = work;
        active.WorkSeconds = work;
        active.StartedAt = _now;
        group.Running.Add(active);
        if (active.Service is not null)
        {
            active.Service.Running++;
        }

        Reschedule(group);
    }

    private void Finish(SimGroup group, long version)
    {
        if (version != group.Version)
        {
            return;
        }

        group.Advance(_now);
        var finished = group.Running.FindAll(t => t.Remaining <= 1e-7);
        group.Running.RemoveAll(t => t.Remaining <= 1e-7);
        foreach (var task in finished)
        {
            Complete(task);
        }

        Reschedule(group);
        RetryPending(group);
    }

    private void Complete(ActiveTask active)
    {
        _inSystem.Remove(active);
        active.Group.InFlight--;
        if (active.Service is null)
        {
            active.Group.Jobs--;
        }

        var ms = (_now - active.Task.ArrivalSeconds) * 1000;
        _completionMs.Add(ms);
        active.FinishedAt = _now;
        Finished.Add(active);
        if (ms > cluster.Options.TimeoutSeconds * 1000)
        {
            _failed++;
        }

        if (active.Service is { } service)
        {
            service.Running--;
            if (active.ModelName is { } model)
            {
                cluster.Latencies.Record(service.Node.Name, service.Name, model, ms);
            }
        }

        if (active.Resident is { } resident)
        {
            resident.InUse--;
            resident.LastUsed = _now;
        }
    }

    private void RetryPending(SimGroup group)
    {
        foreach (var service in group.Node.Services)
        {
            if (service.Group != group)
            {
                continue;
            }

            while (service.Pending.Count > 0 && TryServe(service.Pending.Peek()))
            {
                service.Pending.Dequeue();
            }
        }
    }

    private void Reschedule(SimGroup group)
    {
        group.Version++;
        if (group.Running.Count == 0)
        {
            return;
        }

        var least = double.MaxValue;
        foreach (var task in group.Running)
        {
            least = Math.Min(least, task.Remaining);
        }

        Schedule(_now + (Math.Max(0, least) / group.Rate), new SimEvent(SimEventKind.Finish, null, null, group, group.Version));
    }

    private void Integrate(double time)
    {
        var elapsed = time - _now;
        if (elapsed > 0)
        {
            foreach (var node in cluster.Nodes)
            {
                var watts = node.IdleWatts;
                foreach (var group in node.Groups)
                {
                    var busy = group.Busy;
                    watts += busy * group.Devices * group.MarginalWattsPerDevice;
                    if (group.CountsForUtilization)
                    {
                        _busyDeviceSeconds += busy * group.Devices * elapsed;
                    }
                }

                _energyJoules += Math.Min(watts, node.MaxWatts) * elapsed;
            }
        }

        _now = Math.Max(_now, time);
    }

    private void Schedule(double time, SimEvent simEvent) => _events.Enqueue(simEvent, (time, _sequence++));

    private double Percentile(double p)
    {
        if (_completionMs.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * _completionMs.Count) - 1;
        return _completionMs[Math.Clamp(rank, 0, _completionMs.Count - 1)];
    }

    private enum SimEventKind
    {
        Arrival,
        LoadDone,
        Finish,
    }

    private readonly record struct SimEvent(SimEventKind Kind, SimTask? Task, ResidentModel? Resident, SimGroup? Group, long Version);
}
