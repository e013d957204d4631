namespace PveAgent.Core.Proxmox;

/// <summary>What went wrong talking to the Proxmox VE API, in terms a caller can act on.</summary>
public enum PveErrorKind
{
    /// <summary>401, or the token secret could not be read: user, token name or secret are wrong, or the token expired.</summary>
    Authentication,

    /// <summary>403: the token lacks a privilege on a path.</summary>
    Permission,

    /// <summary>400: PVE rejected one or more parameters (see <see cref="PveApiException.ParameterErrors"/>).</summary>
    InvalidParameters,

    /// <summary>The guest, node or object does not exist (PVE answers 500 "… does not exist", not 404).</summary>
    NotFound,

    /// <summary>The guest's config is locked by another operation ("VM is locked (backup)") or its lock file timed out.</summary>
    Locked,

    /// <summary>Any other server-side failure (5xx), or the connection broke while the answer was being read.</summary>
    ServerError,

    /// <summary>595/596: the node we asked could not reach the node that owns the resource.</summary>
    NodeUnreachable,

    /// <summary>No TCP connection could be made: refused (pveproxy down, wrong port) or no route to the host.</summary>
    ConnectionRefused,

    /// <summary>The host name could not be resolved (DNS).</summary>
    HostNotFound,

    /// <summary>The host stayed silent longer than the configured timeout, or a task did not finish in time.</summary>
    Timeout,

    /// <summary>The server's certificate does not match the pinned fingerprint; the request was not sent.</summary>
    CertificateMismatch,

    /// <summary>The server's certificate is not trusted by the system and no fingerprint is pinned; the request was not sent.</summary>
    CertificateUntrusted,

    /// <summary>The server answered something this client does not understand (unknown path 501, malformed JSON, TLS failure).</summary>
    Protocol,
}
