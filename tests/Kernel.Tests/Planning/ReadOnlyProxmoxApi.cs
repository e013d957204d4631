using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Kernel.Tests.Planning;

/// <summary>
/// The Proxmox reads the tools make, answered from the <see cref="PlannerLab"/>'s guest configs; every call that would
/// change the cluster throws, so a test fails if planning ever acts.
/// </summary>
internal sealed class ReadOnlyProxmoxApi(PlannerLab lab) : IProxmoxApi
{
    private static readonly string[] GpuPaths = ["0000:01:00.0", "0000:02:00.0", "0000:03:00.0"];

    public List<string> Calls { get; } = [];

    public Task<GuestConfig> GetGuestConfigAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default)
    {
        Calls.Add($"config {vmid}");
        var guest = lab.Snapshot.FindGuest(vmid) ?? throw new InvalidOperationException($"no guest {vmid}");
        Assert.Equal(guest.Node, node);
        return Task.FromResult(new GuestConfig { Kind = kind, Values = lab.Configs.GetValueOrDefault(vmid) ?? new Dictionary<string, string>() });
    }

    public Task<IReadOnlyList<GuestSnapshot>> ListSnapshotsAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default)
    {
        Calls.Add($"snapshots {vmid}");
        IReadOnlyList<GuestSnapshot> list = [.. (lab.Snapshots.GetValueOrDefault(vmid) ?? []).Select(n => new GuestSnapshot { Name = n, SnapTime = 1_700_000_000 }), new GuestSnapshot { Name = "current" }];
        return Task.FromResult(list);
    }

    public Task<MigratePrecondition> GetMigratePreconditionAsync(string node, GuestType kind, int vmid, string? target = null, CancellationToken cancellationToken = default)
    {
        Calls.Add($"migrate-check {vmid}");
        var config = lab.Configs.GetValueOrDefault(vmid) ?? new Dictionary<string, string>();
        var local = config.Where(kv => (kv.Key.StartsWith("hostpci", StringComparison.Ordinal) && !kv.Value.Contains("mapping=", StringComparison.Ordinal))
            || (kv.Key.StartsWith("usb", StringComparison.Ordinal) && kv.Value.StartsWith("host=", StringComparison.Ordinal))).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new MigratePrecondition { Running = lab.Snapshot.FindGuest(vmid)!.IsRunning, LocalResources = local });
    }

    public Task<IReadOnlyList<PciDevice>> GetPciDevicesAsync(string node, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PciDevice> devices = node == "brian" ? [.. GpuPaths.Select(p => new PciDevice { Id = p, Class = "0x030000", DeviceName = "GA102 [GeForce RTX 3090]" })] : [];
        return Task.FromResult(devices);
    }

    public Task<IReadOnlyList<PciMapping>> GetPciMappingsAsync(string? checkNode = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PciMapping> mappings = [new PciMapping { Id = "rtx-3090", Map = [$"node=brian,path={string.Join(';', GpuPaths)},id=10de:2204"] }];
        return Task.FromResult(mappings);
    }

    public Task<IReadOnlyList<StorageStatus>> GetNodeStorageAsync(string node, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StorageStatus> storages = [new StorageStatus { Storage = "local-lvm", Type = "lvmthin", Content = "images,rootdir", Active = true, Enabled = true }];
        return Task.FromResult(storages);
    }

    public Task<IReadOnlyList<ClusterTaskEntry>> GetClusterTasksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ClusterTaskEntry>>([]);

    // Reads the tools do not make.
    public Task<PveVersion> GetVersionAsync(CancellationToken cancellationToken = default) => Unused<PveVersion>();

    public Task<IReadOnlyList<ClusterStatusEntry>> GetClusterStatusAsync(CancellationToken cancellationToken = default) => Unused<IReadOnlyList<ClusterStatusEntry>>();

    public Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(ClusterResourceType? type = null, CancellationToken cancellationToken = default) => Unused<IReadOnlyList<ClusterResource>>();

    public Task<int> GetNextIdAsync(int? vmid = null, CancellationToken cancellationToken = default) => Unused<int>();

    public Task<IReadOnlyList<HaResource>> GetHaResourcesAsync(CancellationToken cancellationToken = default) => Unused<IReadOnlyList<HaResource>>();

    public Task<IReadOnlyList<ResourcePool>> GetPoolsAsync(CancellationToken cancellationToken = default) => Unused<IReadOnlyList<ResourcePool>>();

    public Task<PermissionSet> GetPermissionsAsync(string? path = null, CancellationToken cancellationToken = default) => Unused<PermissionSet>();

    public Task<IReadOnlyList<NodeSummary>> GetNodesAsync(CancellationToken cancellationToken = default) => Unused<IReadOnlyList<NodeSummary>>();

    public Task<NodeDetails> GetNodeStatusAsync(string node, CancellationToken cancellationToken = default) => Unused<NodeDetails>();

    public Task<IReadOnlyList<RrdDataPoint>> GetNodeRrdDataAsync(string node, RrdTimeframe timeframe, CancellationToken cancellationToken = default) => Unused<IReadOnlyList<RrdDataPoint>>();

    public Task<PveTaskStatus> GetTaskStatusAsync(Upid upid, CancellationToken cancellationToken = default) => Unused<PveTaskStatus>();

    public Task<TaskLogPage> GetTaskLogAsync(Upid upid, int start = 0, int limit = 50, CancellationToken cancellationToken = default) => Unused<TaskLogPage>();

    public Task<TaskOutcome> WaitForTaskAsync(Upid upid, IProgress<TaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => Unused<TaskOutcome>();

    public Task<IReadOnlyList<GuestSummary>> ListGuestsAsync(string node, GuestType kind, CancellationToken cancellationToken = default) => Unused<IReadOnlyList<GuestSummary>>();

    public Task<GuestStatus> GetGuestStatusAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Unused<GuestStatus>();

    // Every change: planning must never reach one.
    public Task<string> WakeNodeAsync(string node, CancellationToken cancellationToken = default) => Acted<string>();

    public Task<Upid> StartGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> StopGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> ShutdownGuestAsync(string node, GuestType kind, int vmid, TimeSpan? timeout = null, bool forceStop = false, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> RebootGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> SuspendGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> ResumeGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task UpdateGuestConfigAsync(string node, GuestType kind, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default) => Acted<bool>();

    public Task<Upid?> UpdateVmConfigAsync(string node, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default) => Acted<Upid?>();

    public Task<Upid> MigrateGuestAsync(string node, GuestType kind, int vmid, MigrateOptions options, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> CloneGuestAsync(string node, GuestType kind, int vmid, CloneOptions options, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> CreateContainerAsync(string node, CreateContainerOptions options, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> DeleteGuestAsync(string node, GuestType kind, int vmid, bool purge = false, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> CreateSnapshotAsync(string node, GuestType kind, int vmid, string name, string? description = null, bool includeVmState = false, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> DeleteSnapshotAsync(string node, GuestType kind, int vmid, string name, CancellationToken cancellationToken = default) => Acted<Upid>();

    public Task<Upid> RollbackSnapshotAsync(string node, GuestType kind, int vmid, string name, bool start = false, CancellationToken cancellationToken = default) => Acted<Upid>();

    private static Task<T> Unused<T>([System.Runtime.CompilerServices.CallerMemberName] string call = "") =>
        throw new NotSupportedException($"The planner tests do not expect {call}.");

    private static Task<T> Acted<T>([System.Runtime.CompilerServices.CallerMemberName] string call = "") =>
        throw new InvalidOperationException($"Planning called {call}, which changes the cluster.");
}
