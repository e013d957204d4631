using System.Globalization;
using System.Text.Json;
using PveAgent.Core.Proxmox.Json;

namespace PveAgent.Core.Proxmox;

/// <content>Cluster-wide and node calls.</content>
public sealed partial class ProxmoxApiClient
{
    /// <inheritdoc />
    public Task<PveVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("version"), null, PveJsonContext.Default.VersionEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClusterStatusEntry>> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("cluster", "status"), null, PveJsonContext.Default.ClusterStatusEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(ClusterResourceType? type = null, CancellationToken cancellationToken = default)
    {
        if (type is { } filter && !Enum.IsDefined(filter))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown resource type filter.");
        }

        var parameters = new PveParameters().Add("type", type?.ToString().ToLowerInvariant());
        return GetAsync(ApiPath.Of("cluster", "resources"), parameters, PveJsonContext.Default.ClusterResourcesEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ClusterTaskEntry>> GetClusterTasksAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("cluster", "tasks"), null, PveJsonContext.Default.ClusterTasksEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<int> GetNextIdAsync(int? vmid = null, CancellationToken cancellationToken = default)
    {
        if (vmid is { } id)
        {
            ValidateVmId(id);
        }

        return GetAsync(ApiPath.Of("cluster", "nextid"), new PveParameters().Add("vmid", vmid), PveJsonContext.Default.IntEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PciMapping>> GetPciMappingsAsync(string? checkNode = null, CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("cluster", "mapping", "pci"), new PveParameters().Add("check-node", checkNode), PveJsonContext.Default.PciMappingsEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HaResource>> GetHaResourcesAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("cluster", "ha", "resources"), null, PveJsonContext.Default.HaResourcesEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourcePool>> GetPoolsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("pools"), null, PveJsonContext.Default.PoolsEnvelope, cancellationToken);

    /// <inheritdoc />
    public async Task<PermissionSet> GetPermissionsAsync(string? path = null, CancellationToken cancellationToken = default)
    {
        var paths = await GetAsync(ApiPath.Of("access", "permissions"), new PveParameters().Add("path", path), PveJsonContext.Default.PermissionsEnvelope, cancellationToken);
        return new PermissionSet
        {
            Paths = paths.ToDictionary(
                entry => entry.Key,
                entry => (IReadOnlyDictionary<string, bool>)entry.Value,
                StringComparer.Ordinal),
        };
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeSummary>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiPath.Of("nodes"), null, PveJsonContext.Default.NodesEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<NodeDetails> GetNodeStatusAsync(string node, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        return GetAsync(ApiPath.Of("nodes", node, "status"), null, PveJsonContext.Default.NodeDetailsEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RrdDataPoint>> GetNodeRrdDataAsync(string node, RrdTimeframe timeframe, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        if (!Enum.IsDefined(timeframe))
        {
            throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "Unknown RRD time frame.");
        }

        var parameters = new PveParameters().Add("timeframe", timeframe.ToString().ToLowerInvariant()).Add("cf", "AVERAGE");
        var rows = await GetAsync(ApiPath.Of("nodes", node, "rrddata"), parameters, PveJsonContext.Default.RrdEnvelope, cancellationToken);
        return [.. rows.Select(ToRrdDataPoint).OfType<RrdDataPoint>()];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StorageStatus>> GetNodeStorageAsync(string node, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        return GetAsync(ApiPath.Of("nodes", node, "storage"), null, PveJsonContext.Default.StorageEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> WakeNodeAsync(string node, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        var path = ApiPath.Of("nodes", node, "wakeonlan");
        var envelope = await SendAsync(HttpMethod.Post, path, null, PveJsonContext.Default.StringEnvelope, cancellationToken);
        return RequireData(envelope, HttpMethod.Post, path);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PciDevice>> GetPciDevicesAsync(string node, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        return GetAsync(ApiPath.Of("nodes", node, "hardware", "pci"), null, PveJsonContext.Default.PciDevicesEnvelope, cancellationToken);
    }

    /// <summary>A sample without a readable <c>time</c> is dropped: it cannot be placed on the time axis.</summary>
    private static RrdDataPoint? ToRrdDataPoint(Dictionary<string, JsonElement> row)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, element) in row)
        {
            if (TryGetNumber(element, out var number))
            {
                values[name] = number;
            }
        }

        if (!values.Remove("time", out var time))
        {
            return null;
        }

        return new RrdDataPoint { Time = DateTimeOffset.FromUnixTimeSeconds((long)time), Values = values };
    }

    private static bool TryGetNumber(JsonElement element, out double number)
    {
        number = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out number),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    private static void ValidateNode(string node, string parameterName = "node") =>
        ArgumentException.ThrowIfNullOrWhiteSpace(node, parameterName);

    private static void ValidateVmId(int vmid, string parameterName = "vmid")
    {
        // PVE's pve-vmid format.
        ArgumentOutOfRangeException.ThrowIfLessThan(vmid, 100, parameterName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vmid, 999_999_999, parameterName);
    }
}
