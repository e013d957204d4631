using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Routing;

/// <summary>The devices of one family in one node, as the router needs them: memory, capacity, power, load.</summary>
internal sealed class AcceleratorGroup
{
    public required AcceleratorKind Kind { get; init; }

    public required AcceleratorProfile Profile { get; init; }

    public required string ModelName { get; init; }

    public required int Devices { get; init; }

    /// <summary>Free memory per device in GB, largest first.</summary>
    public required double[] FreeGbDescending { get; init; }

    /// <summary>Memory of the largest device in GB (CPU: node RAM).</summary>
    public required double DeviceGb { get; init; }

    public required double TotalGb { get; init; }

    /// <summary>False for a CPU node whose RAM size is not known: no memory check, no headroom part.</summary>
    public required bool MemoryKnown { get; init; }

    /// <summary>Requests that can run at full speed at once: concurrent streams × devices.</summary>
    public required double Capacity { get; init; }

    /// <summary>Watts one device adds when busy.</summary>
    public required double MarginalWattsPerDevice { get; init; }

    /// <summary>Mean reported utilisation 0–1, when telemetry has it.</summary>
    public double? Utilization { get; init; }

    /// <summary>Requests running or waiting on all services of the node that use this group, plus PveAgent's jobs on it.</summary>
    public double InFlight { get; set; }

    /// <summary>PveAgent's own jobs on this group (part of <see cref="InFlight"/>).</summary>
    public double Jobs { get; set; }

    public double FreeTotalGb
    {
        get
        {
            var sum = 0.0;
            foreach (var free in FreeGbDescending)
            {
                sum += free;
            }

            return sum;
        }
    }

    /// <summary>Free memory on the <paramref name="devices"/> emptiest devices.</summary>
    public double FreeOnBest(int devices)
    {
        var sum = 0.0;
        var n = Math.Min(devices, FreeGbDescending.Length);
        for (var i = 0; i < n; i++)
        {
            sum += FreeGbDescending[i];
        }

        return sum;
    }
}
