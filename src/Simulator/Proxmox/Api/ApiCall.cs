using System.Globalization;
using PveAgent.Simulator.Proxmox.Model;
using PveAgent.Simulator.Proxmox.Schema;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>One validated API call as a handler sees it: the world, the instant, the caller and the merged parameters.</summary>
internal sealed class ApiCall
{
    /// <summary>The simulated cluster.</summary>
    public required SimulatedCluster Cluster { get; init; }

    /// <summary>The instant of the call.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Caller's token id (<c>user@realm!token</c>).</summary>
    public required string TokenId { get; init; }

    /// <summary>Node that answers (the one addressed, or the API host's node).</summary>
    public required SimNode LocalNode { get; init; }

    /// <summary>Path, query and body parameters merged.</summary>
    public required IReadOnlyDictionary<string, ParameterValue> Parameters { get; init; }

    /// <summary>Endpoint being called.</summary>
    public required ApiEndpoint Endpoint { get; init; }

    /// <summary>The world.</summary>
    public ProxmoxWorld World => Cluster.World;

    /// <summary>Seed for figures.</summary>
    public int Seed => Cluster.Seed;

    /// <summary><c>node</c> from the path.</summary>
    public string Node => Str("node")!;

    /// <summary><c>vmid</c> from the path.</summary>
    public int VmId => Int("vmid")!.Value;

    /// <summary>A string parameter, or null.</summary>
    public string? Str(string name) => Parameters.TryGetValue(name, out var value) ? value.Text : null;

    /// <summary>An integer parameter, or null.</summary>
    public int? Int(string name) =>
        Parameters.TryGetValue(name, out var value) ? int.Parse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    /// <summary>A boolean parameter (absent = <paramref name="fallback"/>).</summary>
    public bool Bool(string name, bool fallback = false) =>
        Parameters.TryGetValue(name, out var value) ? value.Text == "1" : fallback;

    /// <summary>True when the parameter was sent.</summary>
    public bool Has(string name) => Parameters.ContainsKey(name);
}
