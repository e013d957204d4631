namespace PveAgent.Core.State;

/// <summary>Where the time of one snapshot went.</summary>
/// <param name="Resources">The <c>/cluster/resources</c> call.</param>
/// <param name="TelemetryAndProbes">Telemetry and service probes, run in parallel.</param>
/// <param name="ProxmoxRequests">Proxmox API requests made.</param>
public sealed record SnapshotTimings(TimeSpan Resources, TimeSpan TelemetryAndProbes, int ProxmoxRequests);
