namespace PveAgent.Core.Routing;

/// <summary>One latency window's reading: the service, the model it served and what the window held.</summary>
/// <param name="Node">Node the service runs on.</param>
/// <param name="Service">Service name from cluster.yaml.</param>
/// <param name="Model">Model name as the task or the service names it.</param>
/// <param name="Summary">What the window held.</param>
public readonly record struct LatencyReading(string Node, string Service, string Model, LatencySummary Summary);
