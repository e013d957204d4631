using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveAgent.Simulator.Hosting;

/// <summary>The simulator server's certificate: ECDSA P-256, SAN localhost/127.0.0.1/::1/machine name, generated once and kept as a PFX.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>Loads the PFX at <paramref name="path"/>, creating it first when missing; null path = a fresh, unsaved certificate.</summary>
    public static X509Certificate2 LoadOrCreate(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        var pfx = Create();
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + $".{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, pfx);
            File.Move(temporary, path, overwrite: true);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    /// <summary>SHA-256 over the DER certificate, upper-case hex pairs joined by <c>:</c> (PVE's <c>ssl_fingerprint</c> format).</summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        var hex = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2).ToUpper(CultureInfo.InvariantCulture)));
    }

    private static byte[] Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pve-agent simulator, O=PveAgent", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        try
        {
            names.AddDnsName(Environment.MachineName.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            // A machine name that is not a valid DNS name is left out; localhost and the loopback addresses remain.
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // Certificate validity is about wall-clock time (TLS peers check it), not simulated time.
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return certificate.Export(X509ContentType.Pfx);
    }
}
