using System.Reflection;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Plugins.Tests;

/// <summary>A snapshot source that always answers the same snapshot.</summary>
internal sealed class FixedSnapshotSource(ClusterSnapshot snapshot) : IClusterSnapshotSource
{
    public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot);
}

/// <summary>An <see cref="IProxmoxApi"/> whose every call fails as an unreachable node does.</summary>
public class UnreachableProxmoxApi : DispatchProxy
{
    public static IProxmoxApi Create() => Create<IProxmoxApi, UnreachableProxmoxApi>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new PveApiException(PveErrorKind.NodeUnreachable, $"{targetMethod?.Name}: node pve3 is unreachable (595 No route to host)");
}
