namespace PveAgent.Cli.Output;

// `route --json` schema: {task, candidates: [{node, service, score, parts: {…}, reasons: […]}]}, best first.

/// <summary>The document <c>route --json</c> prints.</summary>
internal sealed record RouteDocument(RouteTask Task, IReadOnlyList<RouteCandidateJson> Candidates, IReadOnlyList<RouteRejectionJson> Rejected);

/// <summary>The task as understood.</summary>
internal sealed record RouteTask(string Type, string? Model, string Priority);

/// <summary>One ranked place.</summary>
internal sealed record RouteCandidateJson(
    string Node,
    string? Service,
    double Score,
    IReadOnlyDictionary<string, double> Parts,
    IReadOnlyList<string> Reasons,
    bool Warm,
    string Accelerator,
    int Devices,
    double EstimatedLatencyMs,
    bool NeedsWake,
    bool NeedsGuestStart);

/// <summary>A place that was excluded, and why.</summary>
internal sealed record RouteRejectionJson(string Node, string? Service, string Reason);
