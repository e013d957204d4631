namespace PveAgent.Core.Telemetry;

/// <summary>What the node agent answers, independent of the HTTP server hosting it.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ContentType">Content-Type header value.</param>
/// <param name="Body">Response body.</param>
public sealed record NodeAgentResponse(int StatusCode, string ContentType, string Body)
{
    /// <summary>For 401 answers, the <c>WWW-Authenticate</c> header value the host should send; otherwise null.</summary>
    public string? WwwAuthenticate => StatusCode == 401 ? NodeAgentProtocol.AuthorizationScheme : null;
}
