namespace PveAgent.Core.Telemetry;

/// <summary>State of a llama.cpp server per its <c>/health</c>.</summary>
public enum LlamaCppHealthStatus
{
    /// <summary>HTTP 200: the model is loaded and the server accepts requests.</summary>
    Ok,

    /// <summary>HTTP 503: the model is still loading.</summary>
    Loading,

    /// <summary>Any other answer.</summary>
    Error,
}
