namespace PveAgent.Core.Proxmox;

/// <summary>A new LXC container from a template (<c>POST /nodes/{node}/lxc</c>).</summary>
public sealed record CreateContainerOptions
{
    /// <summary>Id of the new container.</summary>
    public required int VmId { get; init; }

    /// <summary>Template volume, e.g. <c>local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst</c>.</summary>
    public required string OsTemplate { get; init; }

    /// <summary>Hostname.</summary>
    public string? Hostname { get; init; }

    /// <summary>Memory in MiB (PVE default 512).</summary>
    public int? MemoryMiB { get; init; }

    /// <summary>Swap in MiB (PVE default 512).</summary>
    public int? SwapMiB { get; init; }

    /// <summary>Cores (default: all of the host's).</summary>
    public int? Cores { get; init; }

    /// <summary>Storage for the root disk (PVE default <c>local</c>).</summary>
    public string? Storage { get; init; }

    /// <summary>Root disk size in GiB; with <see cref="Storage"/> becomes <c>rootfs=&lt;storage&gt;:&lt;size&gt;</c>.</summary>
    public int? RootFsSizeGiB { get; init; }

    /// <summary>First network interface as a property string, e.g. <c>name=eth0,bridge=vmbr0,ip=dhcp</c>.</summary>
    public string? Net0 { get; init; }

    /// <summary>Start the container once created.</summary>
    public bool? Start { get; init; }

    /// <summary>Unprivileged container (PVE's API default is privileged; the web UI defaults to unprivileged).</summary>
    public bool? Unprivileged { get; init; }

    /// <summary>Container features, e.g. <c>nesting=1</c>.</summary>
    public string? Features { get; init; }

    /// <summary>Public SSH keys for root, one per line.</summary>
    public string? SshPublicKeys { get; init; }

    /// <summary>Resource pool.</summary>
    public string? Pool { get; init; }

    /// <summary>Tags, separated by <c>;</c>.</summary>
    public string? Tags { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Further parameters passed as they are (e.g. <c>dev0</c> for a device node, <c>mp0</c> for a mount point).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
