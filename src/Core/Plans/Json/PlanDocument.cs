namespace PveAgent.Core.Plans.Json;

/// <summary>The JSON shape of a <see cref="Plan"/>: the fields first (<c>id, intent, created, fingerprint, steps, preconditions</c>), then the extras.</summary>
internal sealed record PlanDocument
{
    public required string Id { get; init; }

    public required string Intent { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string Fingerprint { get; init; }

    public required IReadOnlyList<PlanStepDocument> Steps { get; init; }

    public required IReadOnlyList<Precondition> Preconditions { get; init; }

    public required string Summary { get; init; }

    public string Planner { get; init; } = "rule-based";

    public string? PromptVersion { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
