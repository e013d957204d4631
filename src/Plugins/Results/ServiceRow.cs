namespace PveAgent.Plugins.Results;

/// <summary>One inference service in <see cref="ModelList"/>.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Service">Service name.</param>
/// <param name="Kind">Protocol: <c>ollama</c>, <c>vllm</c> …</param>
/// <param name="Up">True when the service answered.</param>
/// <param name="Loaded">Models resident in memory (warm).</param>
/// <param name="Available">Models it can load.</param>
/// <param name="Running">Requests in progress.</param>
/// <param name="Waiting">Requests queued.</param>
/// <param name="Error">Why it did not answer.</param>
public sealed record ServiceRow(
    string Node,
    string Service,
    string Kind,
    bool Up,
    IReadOnlyList<LoadedModelRow> Loaded,
    IReadOnlyList<string>? Available = null,
    double? Running = null,
    double? Waiting = null,
    string? Error = null);
