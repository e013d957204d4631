using System.Text.Json.Serialization;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>
/// A fact about the cluster a plan relies on, captured when it was made ("VM 105 is running on brian"). Apply re-reads
/// the cluster and refuses the plan when any no longer holds — the promise Terraform makes for a saved plan.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "fact")]
[JsonDerivedType(typeof(GuestOnNodePrecondition), "guest-on-node")]
[JsonDerivedType(typeof(GuestStatusPrecondition), "guest-status")]
[JsonDerivedType(typeof(GuestUnlockedPrecondition), "guest-unlocked")]
[JsonDerivedType(typeof(GuestAbsentPrecondition), "guest-absent")]
[JsonDerivedType(typeof(NodeStatusPrecondition), "node-status")]
[JsonDerivedType(typeof(NodeFreeMemoryPrecondition), "node-free-memory")]
public abstract record Precondition
{
    /// <summary>The fact in words: "VM 105 (jellyfin) is on brian".</summary>
    public abstract string Describe();

    /// <summary>Checks the fact against <paramref name="snapshot"/>; the result says what was found when it fails.</summary>
    public abstract PreconditionCheck Check(ClusterSnapshot snapshot);

    /// <summary>The observed value the fact depends on, for the plan's state fingerprint.</summary>
    public abstract string Observe(ClusterSnapshot snapshot);
}
