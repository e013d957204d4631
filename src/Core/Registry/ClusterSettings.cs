namespace PveAgent.Core.Registry;

/// <summary>Cluster-wide settings (<c>cluster:</c> in <c>cluster.yaml</c>).</summary>
public sealed record ClusterSettings
{
    /// <summary>Display name of the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>Run against the built-in simulator instead of the Proxmox host.</summary>
    public bool Simulate { get; init; }

    /// <summary>Electricity price per kWh, used for power cost in routing (default 0.30).</summary>
    public double EnergyPricePerKwh { get; init; } = 0.30;

    /// <summary>Currency of <see cref="EnergyPricePerKwh"/> (default EUR).</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Capability names beyond the built-in ones.</summary>
    public IReadOnlyList<string> CustomCapabilities { get; init; } = [];
}
