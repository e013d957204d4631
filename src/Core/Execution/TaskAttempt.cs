namespace PveAgent.Core.Execution;

/// <summary>A candidate that was tried and failed.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Service">Service name, or null for a job candidate.</param>
/// <param name="Error">What went wrong, in a few words ("connection refused").</param>
/// <param name="OutputStarted">True when output had already been delivered, which ends the run (nothing runs twice).</param>
public sealed record TaskAttempt(string Node, string? Service, string Error, bool OutputStarted = false)
{
    /// <inheritdoc />
    public override string ToString() => $"{Node}/{Service ?? "(job)"}: {Error}";
}
