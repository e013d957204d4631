namespace PveAgent.Core.Proxmox;

/// <summary>The caller's effective privileges per ACL path (<c>GET /access/permissions</c>).</summary>
public sealed record PermissionSet
{
    /// <summary>Path (<c>/</c>, <c>/vms/101</c>, <c>/mapping/pci/gpu0</c> …) → privilege → whether it propagates to sub-paths.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Paths { get; init; }

    /// <summary>True when <paramref name="privilege"/> is granted on exactly <paramref name="path"/> as PVE listed it.</summary>
    /// <remarks>PVE lists effective privileges for the paths it knows; ask for the path you need (<c>path=</c> parameter) to get its effective set.</remarks>
    public bool Has(string path, string privilege) =>
        Paths.TryGetValue(path, out var privileges) && privileges.ContainsKey(privilege);
}
