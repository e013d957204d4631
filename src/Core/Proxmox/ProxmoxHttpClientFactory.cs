using System.Net.Security;
using Microsoft.Extensions.Logging;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// Builds the <see cref="HttpClient"/> for <see cref="ProxmoxApiClient"/>: token header outside, TLS with the configured
/// trust inside, so certificate checks happen in the handshake, before the token is written.
/// </summary>
public static class ProxmoxHttpClientFactory
{
    /// <summary>
    /// Creates the client. TLS trust: a <see cref="ProxmoxConnectionConfig.Fingerprint"/> accepts exactly that certificate;
    /// otherwise the system trust store, unless <see cref="ProxmoxConnectionConfig.InsecureSkipVerify"/> (logged as a
    /// warning on every call of this method).
    /// </summary>
    /// <param name="connection">Host, port, TLS settings and timeout.</param>
    /// <param name="credentials">The API token.</param>
    /// <param name="logger">Receives the insecure-TLS warning.</param>
    /// <param name="innerHandler">Transport replacing the TLS socket handler (e.g. the in-process simulator over plain http); the client takes ownership.</param>
    /// <param name="baseAddress">API root replacing <see cref="ProxmoxConnectionConfig.BaseAddress"/>; a missing trailing <c>/</c> is added.</param>
    /// <exception cref="ArgumentException">The fingerprint is not a SHA-256 fingerprint.</exception>
    public static HttpClient Create(
        ProxmoxConnectionConfig connection,
        ProxmoxCredentials credentials,
        ILogger logger,
        HttpMessageHandler? innerHandler = null,
        Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(logger);

        var root = baseAddress ?? connection.BaseAddress;
        if (!root.AbsoluteUri.EndsWith('/'))
        {
            root = new Uri(root.AbsoluteUri + "/");
        }

        var transport = innerHandler ?? CreateTransport(connection, root, logger);
        var authentication = new ProxmoxAuthenticationHandler(credentials) { InnerHandler = transport };
        return new HttpClient(authentication, disposeHandler: true)
        {
            BaseAddress = root,

            // ProxmoxApiClient applies its own per-request timeout on the injected TimeProvider.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static SocketsHttpHandler CreateTransport(ProxmoxConnectionConfig connection, Uri root, ILogger logger)
    {
        var validator = new ServerCertificateValidator(connection.Fingerprint, connection.InsecureSkipVerify);
        if (validator.InsecureSkipVerify && !validator.IsPinned)
        {
            ProxmoxLog.InsecureTls(logger, $"{root.Host}:{root.Port}");
        }

        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validator.Validate },
            ConnectTimeout = TimeSpan.FromSeconds(connection.TimeoutSeconds),

            // pveproxy closes idle keep-alive connections after 5 s; reusing one it is closing would fail a request.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),

            // A redirect would carry the token to wherever it points.
            AllowAutoRedirect = false,
            UseCookies = false,
        };
    }
}
