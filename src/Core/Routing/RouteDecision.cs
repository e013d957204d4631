namespace PveAgent.Core.Routing;

/// <summary>The router's answer: ranked candidates (the first is the choice, the rest the fallback chain) and what was excluded.</summary>
public sealed record RouteDecision
{
    /// <summary>The task that was routed.</summary>
    public required TaskRequest Task { get; init; }

    /// <summary>Candidates, best first: try them in this order when one fails.</summary>
    public required IReadOnlyList<RouteCandidate> Candidates { get; init; }

    /// <summary>Feasible candidates beyond <see cref="RoutingOptions.MaxCandidates"/> that were scored but not listed.</summary>
    public int OmittedCandidates { get; init; }

    /// <summary>Nodes and services excluded by a hard constraint, each with the reason.</summary>
    public required IReadOnlyList<RouteRejection> Rejected { get; init; }

    /// <summary>The chosen candidate, or null when nothing can run the task.</summary>
    public RouteCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>True when at least one candidate exists.</summary>
    public bool Found => Candidates.Count > 0;
}
