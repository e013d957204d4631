namespace PveAgent.Simulator.Proxmox.Schema;

/// <summary>One method on one API path, with the parameters PVE validates and whether pveproxy forwards it to the node in the path.</summary>
internal sealed record ApiEndpoint(string Method, string Path, string Name, bool ProxyToNode, IReadOnlyList<ApiParameter> Parameters)
{
    /// <summary>The key handlers are registered under, e.g. <c>GET /nodes/{node}/status</c>.</summary>
    public string Key => $"{Method} {Path}";
}
