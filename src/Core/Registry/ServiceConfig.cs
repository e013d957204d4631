namespace PveAgent.Core.Registry;

/// <summary>An inference service on a node (<c>nodes.&lt;name&gt;.services.&lt;name&gt;</c>).</summary>
public sealed record ServiceConfig
{
    /// <summary>The key under <c>services:</c>; by default also the kind (<c>vllm:</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Protocol spoken by the service.</summary>
    public required ServiceKind Kind { get; init; }

    /// <summary>TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>Models the service can serve, as the service names them.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>VMID of the VM or container that hosts the service, when it runs in a guest (lets PveAgent start it).</summary>
    public int? Guest { get; init; }

    /// <summary>Explicit base URL; otherwise <c>http://&lt;node host&gt;:&lt;port&gt;</c>.</summary>
    public Uri? Url { get; init; }
}
