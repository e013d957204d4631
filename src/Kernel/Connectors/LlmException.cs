namespace PveAgent.Kernel.Connectors;

/// <summary>
/// The one exception the LLM connectors throw: <see cref="Kind"/> says what failed, <see cref="Exception.Message"/> says
/// what to do about it, <see cref="ServerMessage"/> keeps the server's own words. Never carries credentials.
/// </summary>
public sealed class LlmException : Exception
{
    /// <summary>Creates an exception of kind <see cref="LlmErrorKind.ServerError"/>.</summary>
    public LlmException()
        : this(LlmErrorKind.ServerError, "The LLM server failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="LlmErrorKind.ServerError"/> with a message.</summary>
    public LlmException(string message)
        : this(LlmErrorKind.ServerError, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="LlmErrorKind.ServerError"/> with a message and its cause.</summary>
    public LlmException(string message, Exception? innerException)
        : this(LlmErrorKind.ServerError, message, innerException)
    {
    }

    /// <summary>Creates an exception of the given kind.</summary>
    public LlmException(LlmErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What failed.</summary>
    public LlmErrorKind Kind { get; }

    /// <summary>The HTTP status the server answered with, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The server's own error text, verbatim (for logs and bug reports).</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The server endpoint that failed.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model the request was for.</summary>
    public string? Model { get; init; }
}
