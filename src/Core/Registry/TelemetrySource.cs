namespace PveAgent.Core.Registry;

/// <summary>How a node's accelerator telemetry reaches PveAgent.</summary>
public enum TelemetrySource
{
    /// <summary>Run nvidia-smi / tt-smi over the system <c>ssh</c> with the user's keys (default).</summary>
    Ssh,

    /// <summary>PveAgent's own node agent (<c>pve-agent node-agent</c>) over HTTP with a token.</summary>
    NodeAgent,

    /// <summary>Scrape an existing Prometheus exporter.</summary>
    Exporter,

    /// <summary>No telemetry for this node.</summary>
    None,
}
