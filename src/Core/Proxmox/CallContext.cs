namespace PveAgent.Core.Proxmox;

/// <summary>Which call failed where, for error messages: method, readable path and the server's <c>host:port</c>.</summary>
internal sealed record CallContext(string Method, string Path, Uri BaseAddress)
{
    public string Host => BaseAddress.IdnHost;

    public int Port => BaseAddress.Port;

    public string Endpoint => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public override string ToString() => $"{Method} {Path}";
}
