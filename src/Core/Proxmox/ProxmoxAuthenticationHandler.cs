namespace PveAgent.Core.Proxmox;

/// <summary>
/// Adds <c>Authorization: PVEAPIToken=…</c>. It sits outside the transport, so the header is only written after the TLS
/// handshake — including certificate pinning — has succeeded.
/// </summary>
internal sealed class ProxmoxAuthenticationHandler(ProxmoxCredentials credentials) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Added without validation because the typed AuthenticationHeaderValue would render "PVEAPIToken <id>=<secret>"
        // (with a space); PVE documents the '=' form.
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", credentials.AuthorizationHeaderValue);
        return base.SendAsync(request, cancellationToken);
    }
}
