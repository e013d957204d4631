using System.Net;

namespace PveAgent.Simulator;

/// <summary>Settings of the standalone simulator server (<c>pve-agent sim serve</c>).</summary>
public sealed class SimulatorServerOptions
{
    /// <summary>HTTPS port of the simulated Proxmox API (default 8006); each simulated service listens on <c>Port + 1 + i</c>. 0 picks free ports for all.</summary>
    public int Port
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            field = value;
        }
    } = 8006;

    /// <summary>Address the Proxmox API listens on (default loopback); services always listen on 127.0.0.1.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Also serve the inference and telemetry endpoints of the simulated cluster (default true).</summary>
    public bool ServeServices { get; set; } = true;

    /// <summary>PFX of the server certificate; default <c>simulator-tls.pfx</c> beside the state file (generated on first start).</summary>
    public string? CertificatePath { get; set; }
}
