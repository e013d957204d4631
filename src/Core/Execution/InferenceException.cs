namespace PveAgent.Core.Execution;

/// <summary>An inference request failed; <see cref="Exception.Message"/> says what was wrong and how to fix it.</summary>
public sealed class InferenceException : Exception
{
    /// <summary>Creates an exception of kind <see cref="InferenceErrorKind.Protocol"/> with a generic message.</summary>
    public InferenceException()
        : this("The inference request failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="InferenceErrorKind.Protocol"/>.</summary>
    public InferenceException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception of kind <see cref="InferenceErrorKind.Protocol"/> wrapping a cause.</summary>
    public InferenceException(string message, Exception? innerException)
        : this(InferenceErrorKind.Protocol, message, innerException)
    {
    }

    /// <summary>Creates an exception of the given kind.</summary>
    public InferenceException(InferenceErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Reason = message;
    }

    /// <summary>What went wrong.</summary>
    public InferenceErrorKind Kind { get; }

    /// <summary>A few words for one-line reports: "connection refused", "HTTP 404: model 'x' not found".</summary>
    public string Reason { get; init; }

    /// <summary>HTTP status of the error answer, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The server's own error text, when it sent one.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>True when some output had already been delivered before the failure (so the request must not be repeated elsewhere).</summary>
    public bool OutputStarted { get; init; }

    /// <summary>The endpoint that failed.</summary>
    public Uri? Endpoint { get; init; }
}
