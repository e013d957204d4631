namespace PveAgent.Core.Telemetry;

/// <summary>A typed reason for missing telemetry, with a message that says what was wrong and how to fix it.</summary>
/// <param name="Kind">The class of failure.</param>
/// <param name="Message">Human-readable explanation, safe to show (never contains secrets).</param>
public sealed record TelemetryFailure(TelemetryFailureKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
