namespace PveAgent.Core.Execution;

/// <summary>How an inference request failed.</summary>
public enum InferenceErrorKind
{
    /// <summary>No connection could be made (refused, no route, unknown host): the server never saw the request.</summary>
    ConnectionFailed,

    /// <summary>The server took longer than the configured timeout.</summary>
    Timeout,

    /// <summary>The server answered with an error status (model not found, bad request, overloaded …).</summary>
    Rejected,

    /// <summary>The answer could not be understood (not the expected JSON / stream format).</summary>
    Protocol,

    /// <summary>The answer broke off: the connection dropped or the server reported an error in the middle of the stream.</summary>
    Interrupted,
}
