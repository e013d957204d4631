namespace PveAgent.Core.Scheduling;

/// <summary>
/// Places models on the devices of one node: best fit (the devices whose free memory is the smallest that still
/// holds the share, so large holes stay open for large models), with a model needing k devices split evenly over k.
/// Several models at once are placed largest first (best fit decreasing).
/// </summary>
internal static class VramPlacer
{
    /// <summary>Devices to use for <paramref name="needGb"/> over at least <paramref name="minDevices"/> devices, or null when it does not fit now.</summary>
    /// <param name="freeGb">Free memory per device (index = device).</param>
    /// <param name="freeSlots">Free task slots per device.</param>
    /// <param name="capacityGb">Total memory per device; a device with 0 does not track memory.</param>
    /// <param name="eligible">Which devices may be used (the task's accelerator family).</param>
    /// <param name="needGb">Memory the task needs in total.</param>
    /// <param name="minDevices">Devices it needs at least.</param>
    /// <param name="slotsPerDevice">Slots it takes on each device it uses.</param>
    public static int[]? Place(
        ReadOnlySpan<double> freeGb, ReadOnlySpan<int> freeSlots, ReadOnlySpan<double> capacityGb, ReadOnlySpan<bool> eligible,
        double needGb, int minDevices, int slotsPerDevice = 1)
    {
        var count = 0;
        var largest = 0.0;
        for (var i = 0; i < freeGb.Length; i++)
        {
            if (eligible[i])
            {
                count++;
                largest = Math.Max(largest, capacityGb[i]);
            }
        }

        var tracked = largest > 0;
        var devices = Math.Max(1, minDevices);
        if (tracked && needGb > 0)
        {
            devices = Math.Max(devices, (int)Math.Ceiling(needGb / largest));
        }

        // Try the fewest devices first; more devices make each share smaller, so a fragmented node may still fit.
        for (var k = devices; k <= count; k++)
        {
            var share = tracked ? needGb / k : 0;
            var chosen = BestFit(freeGb, freeSlots, capacityGb, eligible, share, k, slotsPerDevice, tracked);
            if (chosen is not null)
            {
                return chosen;
            }

            if (!tracked || needGb <= 0)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Places several requests at once, largest first; returns the devices of each (null where it did not fit) in request order.</summary>
    public static int[]?[] PlaceAll(double[] freeGb, double[] capacityGb, IReadOnlyList<double> needsGb)
    {
        ArgumentNullException.ThrowIfNull(freeGb);
        ArgumentNullException.ThrowIfNull(needsGb);
        var slots = Enumerable.Repeat(int.MaxValue / 2, freeGb.Length).ToArray();
        var eligible = Enumerable.Repeat(true, freeGb.Length).ToArray();
        var result = new int[]?[needsGb.Count];
        foreach (var i in Enumerable.Range(0, needsGb.Count).OrderByDescending(i => needsGb[i]).ThenBy(i => i))
        {
            var chosen = Place(freeGb, slots, capacityGb, eligible, needsGb[i], 1);
            if (chosen is not null)
            {
                foreach (var d in chosen)
                {
                    freeGb[d] -= needsGb[i] / chosen.Length;
                }
            }

            result[i] = chosen;
        }

        return result;
    }

    private static int[]? BestFit(
        ReadOnlySpan<double> freeGb, ReadOnlySpan<int> freeSlots, ReadOnlySpan<double> capacityGb, ReadOnlySpan<bool> eligible,
        double share, int k, int slotsPerDevice, bool tracked)
    {
        // Candidates: eligible devices with slots and room for the share, tightest fit first, then lowest index.
        var fits = new List<int>();
        for (var i = 0; i < freeGb.Length; i++)
        {
            var roomy = !tracked || capacityGb[i] <= 0 || freeGb[i] + 1e-9 >= share;
            if (eligible[i] && freeSlots[i] >= slotsPerDevice && roomy)
            {
                fits.Add(i);
            }
        }

        if (fits.Count < k)
        {
            return null;
        }

        var free = freeGb.ToArray();
        fits.Sort((a, b) => free[a] != free[b] ? free[a].CompareTo(free[b]) : a.CompareTo(b));
        var chosen = fits.Take(k).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
