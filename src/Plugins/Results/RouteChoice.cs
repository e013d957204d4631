namespace PveAgent.Plugins.Results;

/// <summary>The router's choice in <see cref="RouteResult"/>.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Accelerator">Accelerator and device count, e.g. <c>RTX 3090 x2</c>.</param>
/// <param name="Score">Score in points, higher is better.</param>
/// <param name="Warm">True when the model is already loaded there.</param>
/// <param name="LatencyS">Estimated seconds until the task finishes.</param>
/// <param name="Why">Each part of the score with its reason.</param>
/// <param name="Service">Inference service, or null for a job on the node.</param>
/// <param name="Model">Model it would use.</param>
/// <param name="NeedsWake">True when the node must be woken first.</param>
/// <param name="NeedsStart">True when the service's guest must be started first.</param>
public sealed record RouteChoice(
    string Node,
    string Accelerator,
    double Score,
    bool Warm,
    double LatencyS,
    IReadOnlyList<string> Why,
    string? Service = null,
    string? Model = null,
    bool? NeedsWake = null,
    bool? NeedsStart = null);
