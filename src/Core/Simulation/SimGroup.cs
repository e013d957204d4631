using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Simulation;

/// <summary>The devices of one family in a simulated node: memory per device, resident models, running work (processor sharing).</summary>
internal sealed class SimGroup
{
    public required SimNode Node { get; init; }

    public required AcceleratorKind Kind { get; init; }

    public required AcceleratorProfile Profile { get; init; }

    public required string ModelName { get; init; }

    public required double[] CapacityGb { get; init; }

    public required double[] FreeGb { get; init; }

    /// <summary>Requests served at full speed at once: concurrent streams × devices; beyond it everyone slows down.</summary>
    public required double Capacity { get; init; }

    public required double MarginalWattsPerDevice { get; init; }

    /// <summary>True for accelerators, and for the CPU of a node that has nothing else.</summary>
    public required bool CountsForUtilization { get; init; }

    public int Devices => CapacityGb.Length;

    public List<ResidentModel> Residents { get; } = [];

    public List<ActiveTask> Running { get; } = [];

    /// <summary>Tasks accepted on this group and not yet finished (running, loading, or waiting for memory).</summary>
    public int InFlight { get; set; }

    /// <summary>The jobs among <see cref="InFlight"/>: what PveAgent's scheduler knows it started here.</summary>
    public int Jobs { get; set; }

    public double LastUpdate { get; set; }

    public long Version { get; set; }

    public double Rate => Running.Count == 0 ? 0 : Math.Min(1, Capacity / Running.Count);

    /// <summary>Share of the devices busy, 0–1: those holding a model that runs or loads, and one per running job.</summary>
    /// <remarks>A device is busy or not: thirty requests on one model keep its devices busy, not the node's other devices.</remarks>
    public double Busy
    {
        get
        {
            Span<bool> busy = stackalloc bool[Devices];
            var jobs = 0;
            foreach (var task in Running)
            {
                if (task.Resident is { } resident)
                {
                    Mark(busy, resident.Devices);
                }
                else
                {
                    jobs++;
                }
            }

            foreach (var resident in Residents)
            {
                if (!resident.Loaded)
                {
                    Mark(busy, resident.Devices);
                }
            }

            var count = 0;
            foreach (var flag in busy)
            {
                count += flag ? 1 : 0;
            }

            // Jobs hold no resident model; each keeps one of the devices the models leave idle busy.
            return Math.Min(Devices, count + jobs) / (double)Devices;
        }
    }

    private static void Mark(Span<bool> busy, int[] devices)
    {
        foreach (var d in devices)
        {
            busy[d] = true;
        }
    }

    /// <summary>Brings every running task's remaining work up to <paramref name="now"/>.</summary>
    public void Advance(double now)
    {
        var elapsed = now - LastUpdate;
        if (elapsed > 0 && Running.Count > 0)
        {
            var done = elapsed * Rate;
            foreach (var task in Running)
            {
                task.Remaining -= done;
            }
        }

        LastUpdate = now;
    }
}
