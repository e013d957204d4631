namespace PveAgent.Core.Telemetry;

/// <summary>Creates <see cref="ParseResult{T}"/> values.</summary>
public static class ParseResult
{
    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    public static ParseResult<T> Success<T>(T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ParseResult<T>(value, null);
    }

    /// <summary>A failed result.</summary>
    public static ParseResult<T> Fail<T>(TelemetryFailure failure)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ParseResult<T>(default, failure);
    }

    /// <summary>A failed result of the given kind.</summary>
    public static ParseResult<T> Fail<T>(TelemetryFailureKind kind, string message)
        where T : notnull =>
        Fail<T>(new TelemetryFailure(kind, message));
}
