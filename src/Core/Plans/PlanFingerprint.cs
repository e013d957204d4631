using System.Security.Cryptography;
using System.Text;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>The state fingerprint of a plan: a hash over what each precondition observes, so equal facts give an equal fingerprint.</summary>
public static class PlanFingerprint
{
    /// <summary>Computes the fingerprint of <paramref name="preconditions"/> as observed in <paramref name="snapshot"/> (order-independent).</summary>
    public static string Compute(IEnumerable<Precondition> preconditions, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        ArgumentNullException.ThrowIfNull(snapshot);
        var facts = preconditions.Select(p => p.Observe(snapshot)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', facts)));
        return "sha256:" + Convert.ToHexStringLower(bytes)[..16];
    }
}
