using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// Decides during the TLS handshake — before any HTTP byte, so before the token — whether to trust pveproxy's certificate:
/// a pinned SHA-256 fingerprint accepts exactly that certificate and nothing else; otherwise the system trust store
/// decides, unless verification is switched off.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private readonly string? _pinnedHex;

    public ServerCertificateValidator(string? pinnedFingerprint, bool insecureSkipVerify)
    {
        _pinnedHex = pinnedFingerprint is null ? null : NormalizeFingerprint(pinnedFingerprint);
        InsecureSkipVerify = insecureSkipVerify;
    }

    public bool InsecureSkipVerify { get; }

    public bool IsPinned => _pinnedHex is not null;

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    /// <exception cref="CertificateRejectedException">The certificate is not acceptable; the handshake fails with this reason.</exception>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var actualHex = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
        if (_pinnedHex is not null)
        {
            // A pin replaces chain and name checks: self-signed PVE certificates fail both, and the pin is stronger.
            return string.Equals(actualHex, _pinnedHex, StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new CertificateRejectedException(PveErrorKind.CertificateMismatch, FormatFingerprint(_pinnedHex), FormatFingerprint(actualHex), errors);
        }

        if (InsecureSkipVerify || errors == SslPolicyErrors.None)
        {
            return true;
        }

        throw new CertificateRejectedException(PveErrorKind.CertificateUntrusted, null, FormatFingerprint(actualHex), errors);
    }

    /// <summary>Upper-case hex without separators; accepts <c>AB:CD:…</c>, <c>ab cd …</c> and <c>abcd…</c>.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes of hex.</exception>
    public static string NormalizeFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var hex = new string([.. fingerprint.Where(c => c is not (':' or ' ' or '-'))]).ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? hex
            : throw new ArgumentException(
                $"proxmox.fingerprint '{fingerprint}' is not a SHA-256 certificate fingerprint: expected 32 hex bytes such as AB:CD:…:EF " +
                "(shown on the node by `pvenode cert info`, or in the web UI under node > System > Certificates).",
                nameof(fingerprint));
    }

    /// <summary><c>AB:CD:…</c>, the form PVE shows.</summary>
    public static string? FormatFingerprint(string? hex) =>
        hex is null ? null : string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2))).ToUpperInvariant();
}
