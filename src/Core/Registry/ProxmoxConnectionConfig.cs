namespace PveAgent.Core.Registry;

/// <summary>How to reach the Proxmox VE API (<c>cluster.proxmox</c>).</summary>
public sealed record ProxmoxConnectionConfig
{
    /// <summary>Hostname or IP of any cluster node.</summary>
    public required string Host { get; init; }

    /// <summary>pveproxy port (default 8006).</summary>
    public int Port { get; init; } = 8006;

    /// <summary>User and realm that owns the token, e.g. <c>pveagent@pve</c>.</summary>
    public required string User { get; init; }

    /// <summary>Token id (the part after <c>!</c>).</summary>
    public required string TokenName { get; init; }

    /// <summary>Where the token secret comes from.</summary>
    public required TokenSecretSource TokenSecret { get; init; }

    /// <summary>Pinned SHA-256 fingerprint of the server certificate (<c>AB:CD:…</c>), for self-signed certificates.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Skip certificate verification entirely (<c>insecure_skip_verify: true</c>); warned about on every run.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>Seconds before a silent host counts as unreachable (default 10).</summary>
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>Base address of the API, <c>https://host:port/api2/json/</c>.</summary>
    public Uri BaseAddress => new($"https://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/api2/json/");
}
