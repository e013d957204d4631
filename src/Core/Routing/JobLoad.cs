using System.Collections.Frozen;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Routing;

/// <summary>
/// Jobs PveAgent has started or queued and not yet seen finish, per node and accelerator family: the router's view of
/// the work its own scheduler placed. Utilisation tops out at 100 %, so without this a node running two jobs and one
/// running ten look alike; services report their requests themselves and are not counted here.
/// </summary>
public sealed class JobLoad
{
    private readonly FrozenDictionary<string, double> _jobs;

    /// <summary>Builds the view from job counts keyed by (node, accelerator family); negative counts are ignored.</summary>
    public JobLoad(IEnumerable<KeyValuePair<(string Node, AcceleratorKind Accelerator), double>> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var sums = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, count) in jobs)
        {
            if (count > 0 && double.IsFinite(count))
            {
                var name = Key(key.Node, key.Accelerator);
                sums[name] = sums.GetValueOrDefault(name) + count;
            }
        }

        _jobs = sums.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No jobs anywhere (or none known).</summary>
    public static JobLoad Empty { get; } = new([]);

    /// <summary>Jobs on the <paramref name="accelerator"/> devices of <paramref name="node"/> (0 when none).</summary>
    public double On(string node, AcceleratorKind accelerator)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _jobs.GetValueOrDefault(Key(node, accelerator));
    }

    private static string Key(string node, AcceleratorKind accelerator) => node + "/" + accelerator.ToString();
}
