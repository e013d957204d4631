namespace PveAgent.Core.Routing;

/// <summary>A node (or one service on it) that was excluded by a hard constraint, and why.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Service">Service name, when the exclusion concerns one service rather than the whole node.</param>
/// <param name="Reason">What was wrong, in words a person can act on.</param>
public sealed record RouteRejection(string Node, string? Service, string Reason);
