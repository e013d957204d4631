using System.Net.Security;
using System.Security.Authentication;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// Thrown from the TLS certificate callback so the handshake fails with the reason attached; the client turns it into a
/// <see cref="PveApiException"/> of kind <see cref="PveErrorKind.CertificateMismatch"/> or <see cref="PveErrorKind.CertificateUntrusted"/>.
/// </summary>
internal sealed class CertificateRejectedException(PveErrorKind kind, string? expectedFingerprint, string? actualFingerprint, SslPolicyErrors policyErrors)
    : AuthenticationException($"server certificate rejected ({kind})")
{
    public PveErrorKind Kind { get; } = kind;

    public string? ExpectedFingerprint { get; } = expectedFingerprint;

    public string? ActualFingerprint { get; } = actualFingerprint;

    public SslPolicyErrors PolicyErrors { get; } = policyErrors;
}
