namespace PveAgent.Core.Proxmox;

/// <summary>How to migrate a guest (<c>POST …/{vmid}/migrate</c>).</summary>
public sealed record MigrateOptions
{
    /// <summary>Target node.</summary>
    public required string Target { get; init; }

    /// <summary>Live-migrate a running VM (required for a running VM; containers cannot live-migrate).</summary>
    public bool? Online { get; init; }

    /// <summary>Also migrate disks on local storage (VMs only).</summary>
    public bool? WithLocalDisks { get; init; }

    /// <summary>Restart mode for a running container: shut down, migrate, start on the target (containers only).</summary>
    public bool? Restart { get; init; }

    /// <summary>Shutdown timeout of restart mode, whole seconds (containers only; PVE default 180 s).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Storage mapping on the target (<c>targetstorage</c> / <c>target-storage</c>), e.g. <c>local-lvm</c>.</summary>
    public string? TargetStorage { get; init; }
}
