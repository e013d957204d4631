namespace PveAgent.Core.Routing;

/// <summary>What a latency window held when it was read: how many samples, their mean and their 95th percentile.</summary>
/// <param name="Count">Samples in the window.</param>
/// <param name="MeanMs">Mean latency in milliseconds (0 when empty).</param>
/// <param name="P95Ms">95th-percentile latency in milliseconds (0 when empty).</param>
public readonly record struct LatencySummary(int Count, double MeanMs, double P95Ms);
