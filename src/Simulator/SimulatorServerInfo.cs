namespace PveAgent.Simulator;

/// <summary>Where a started simulator server answers: the Proxmox API, its certificate fingerprint, and one listener per simulated service.</summary>
/// <param name="ApiBaseAddress">Base address of the simulated API, <c>https://127.0.0.1:8006/api2/json/</c>.</param>
/// <param name="CertificateFingerprint">SHA-256 fingerprint of the server certificate in PVE's format (<c>AB:CD:…</c>).</param>
/// <param name="Services">The simulated inference and telemetry endpoints and the local listener serving each.</param>
public sealed record SimulatorServerInfo(Uri ApiBaseAddress, string CertificateFingerprint, IReadOnlyList<SimulatedServiceEndpoint> Services);
