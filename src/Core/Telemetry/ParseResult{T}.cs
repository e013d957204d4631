using System.Diagnostics.CodeAnalysis;

namespace PveAgent.Core.Telemetry;

/// <summary>The outcome of parsing tool or service output: a value, or a typed failure (never both).</summary>
/// <typeparam name="T">The parsed value's type.</typeparam>
public sealed record ParseResult<T>
    where T : notnull
{
    internal ParseResult(T? value, TelemetryFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The parsed value, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Why parsing failed, when it did.</summary>
    public TelemetryFailure? Failure { get; }

    /// <summary>True when <see cref="Value"/> holds the result.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;
}
