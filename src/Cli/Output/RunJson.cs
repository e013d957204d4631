namespace PveAgent.Cli.Output;

/// <summary>What <c>run --type … --json</c> prints: where it ran, why, how long, and the answer.</summary>
internal sealed record RunDocument(
    string? Node,
    string? Service,
    string? Model,
    bool Warm,
    double? Score,
    IReadOnlyList<string> Reasons,
    double? LatencyMs,
    string Output,
    bool Succeeded,
    string? Error,
    string? PlanId,
    IReadOnlyList<string> Attempts);
