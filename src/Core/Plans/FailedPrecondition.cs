namespace PveAgent.Core.Plans;

/// <summary>A fact a plan relied on that no longer holds, with what is there now.</summary>
/// <param name="Fact">The fact as planned ("VM 105 (jellyfin) is on brian").</param>
/// <param name="Now">What the cluster shows instead ("VM 105 (jellyfin) is now on pve3, not brian").</param>
public sealed record FailedPrecondition(string Fact, string Now);
