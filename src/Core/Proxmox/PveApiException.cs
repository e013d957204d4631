namespace PveAgent.Core.Proxmox;

/// <summary>A Proxmox VE API call failed; <see cref="Exception.Message"/> says what was wrong and how to fix it.</summary>
/// <remarks>Never carries the token secret: neither the message, the properties nor inner exceptions contain request headers.</remarks>
public sealed class PveApiException : Exception
{
    /// <summary>Creates an exception of kind <see cref="PveErrorKind.Protocol"/> with a generic message.</summary>
    public PveApiException()
        : this("The Proxmox VE API call failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="PveErrorKind.Protocol"/>.</summary>
    public PveApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception of kind <see cref="PveErrorKind.Protocol"/> wrapping a cause.</summary>
    public PveApiException(string message, Exception? innerException)
        : this(PveErrorKind.Protocol, message, innerException)
    {
    }

    /// <summary>Creates an exception of the given kind.</summary>
    public PveApiException(PveErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What went wrong.</summary>
    public PveErrorKind Kind { get; }

    /// <summary>HTTP status PVE answered with (including the 595/596 pseudo codes), or null when no answer arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>HTTP method of the failed call (<c>GET</c>, <c>POST</c> …).</summary>
    public string? Method { get; init; }

    /// <summary>API path of the failed call relative to <c>/api2/json</c>, without query string, e.g. <c>/nodes/pve1/qemu/101/status/start</c>.</summary>
    public string? Path { get; init; }

    /// <summary><c>host:port</c> the client was talking to.</summary>
    public string? Endpoint { get; init; }

    /// <summary>PVE's own error text (HTTP reason phrase, or the body's <c>message</c>), when it sent one.</summary>
    public string? PveMessage { get; init; }

    /// <summary>Per-parameter errors of a 400 answer (parameter name → PVE's complaint); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> ParameterErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>The pinned fingerprint, for <see cref="PveErrorKind.CertificateMismatch"/>.</summary>
    public string? ExpectedFingerprint { get; init; }

    /// <summary>The SHA-256 fingerprint of the certificate the server presented, for certificate errors.</summary>
    public string? ActualFingerprint { get; init; }

    /// <summary>False only when the request provably never left this machine (no connection was made), so repeating a write is safe.</summary>
    public bool RequestSent { get; init; } = true;

    /// <summary>The task id, when waiting for a task failed.</summary>
    public Upid? Upid { get; init; }
}
