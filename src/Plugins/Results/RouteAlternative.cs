namespace PveAgent.Plugins.Results;

/// <summary>A fallback place in <see cref="RouteResult"/>.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Score">Score in points.</param>
/// <param name="Service">Inference service, or null for a job.</param>
/// <param name="Model">Model it would use.</param>
public sealed record RouteAlternative(string Node, double Score, string? Service = null, string? Model = null);
