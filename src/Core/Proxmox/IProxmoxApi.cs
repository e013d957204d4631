using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// The Proxmox VE API calls PveAgent uses, typed. Every failure is a <see cref="PveApiException"/>; asynchronous operations
/// return the task's <see cref="Upid"/> at once — use <see cref="WaitForTaskAsync"/> for the result, since a task can fail
/// after the call succeeded.
/// </summary>
public interface IProxmoxApi
{
    /// <summary>API server version (<c>GET /version</c>).</summary>
    Task<PveVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Cluster name, quorum and member nodes (<c>GET /cluster/status</c>).</summary>
    Task<IReadOnlyList<ClusterStatusEntry>> GetClusterStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Every guest, node, storage and pool of the cluster in one call (<c>GET /cluster/resources</c>), optionally filtered by type.</summary>
    Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(ClusterResourceType? type = null, CancellationToken cancellationToken = default);

    /// <summary>Recent tasks of all nodes (<c>GET /cluster/tasks</c>).</summary>
    Task<IReadOnlyList<ClusterTaskEntry>> GetClusterTasksAsync(CancellationToken cancellationToken = default);

    /// <summary>A free guest id (<c>GET /cluster/nextid</c>); with <paramref name="vmid"/> checks that id and fails with <see cref="PveErrorKind.InvalidParameters"/> when taken.</summary>
    Task<int> GetNextIdAsync(int? vmid = null, CancellationToken cancellationToken = default);

    /// <summary>Cluster PCI resource mappings (<c>GET /cluster/mapping/pci</c>); <paramref name="checkNode"/> adds diagnostics for that node.</summary>
    Task<IReadOnlyList<PciMapping>> GetPciMappingsAsync(string? checkNode = null, CancellationToken cancellationToken = default);

    /// <summary>HA-managed resources (<c>GET /cluster/ha/resources</c>).</summary>
    Task<IReadOnlyList<HaResource>> GetHaResourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>Resource pools (<c>GET /pools</c>).</summary>
    Task<IReadOnlyList<ResourcePool>> GetPoolsAsync(CancellationToken cancellationToken = default);

    /// <summary>The caller's effective privileges (<c>GET /access/permissions</c>), for all paths or just <paramref name="path"/>.</summary>
    Task<PermissionSet> GetPermissionsAsync(string? path = null, CancellationToken cancellationToken = default);

    /// <summary>Cluster nodes with their state and certificate fingerprint (<c>GET /nodes</c>).</summary>
    Task<IReadOnlyList<NodeSummary>> GetNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>A node's live status: CPU, load, memory, kernel (<c>GET /nodes/{node}/status</c>).</summary>
    Task<NodeDetails> GetNodeStatusAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>A node's RRD statistics over <paramref name="timeframe"/> (<c>GET /nodes/{node}/rrddata</c>, averages).</summary>
    Task<IReadOnlyList<RrdDataPoint>> GetNodeRrdDataAsync(string node, RrdTimeframe timeframe, CancellationToken cancellationToken = default);

    /// <summary>Storages as seen from a node (<c>GET /nodes/{node}/storage</c>).</summary>
    Task<IReadOnlyList<StorageStatus>> GetNodeStorageAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>Asks the cluster to send a Wake-on-LAN packet to <paramref name="node"/> (<c>POST /nodes/{node}/wakeonlan</c>); returns the MAC address used.</summary>
    Task<string> WakeNodeAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>PCI devices of a node (<c>GET /nodes/{node}/hardware/pci</c>).</summary>
    Task<IReadOnlyList<PciDevice>> GetPciDevicesAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>A task's state, read on the node in the UPID (<c>GET /nodes/{node}/tasks/{upid}/status</c>).</summary>
    Task<PveTaskStatus> GetTaskStatusAsync(Upid upid, CancellationToken cancellationToken = default);

    /// <summary>Lines of a task log from 0-based line <paramref name="start"/>; <paramref name="limit"/> 0 means all (<c>GET …/tasks/{upid}/log</c>).</summary>
    Task<TaskLogPage> GetTaskLogAsync(Upid upid, int start = 0, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a task until it stops and reports how it ended (success = <c>OK</c> or <c>WARNINGS: n</c>; on failure with the log
    /// tail). Throws <see cref="PveApiException"/> of kind <see cref="PveErrorKind.Timeout"/> when the task outlives
    /// <paramref name="timeout"/> (default <see cref="ProxmoxClientOptions.DefaultTaskTimeout"/>); the task keeps running then.
    /// </summary>
    Task<TaskOutcome> WaitForTaskAsync(Upid upid, IProgress<TaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Guests of one kind on a node (<c>GET /nodes/{node}/qemu</c> or <c>…/lxc</c>).</summary>
    Task<IReadOnlyList<GuestSummary>> ListGuestsAsync(string node, GuestType kind, CancellationToken cancellationToken = default);

    /// <summary>A guest's live state (<c>GET …/{vmid}/status/current</c>).</summary>
    Task<GuestStatus> GetGuestStatusAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Starts a guest (<c>POST …/status/start</c>).</summary>
    Task<Upid> StartGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Stops a guest immediately, like pulling the plug (<c>POST …/status/stop</c>).</summary>
    Task<Upid> StopGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Shuts a guest down cleanly (<c>POST …/status/shutdown</c>); <paramref name="forceStop"/> stops it when <paramref name="timeout"/> passes.</summary>
    Task<Upid> ShutdownGuestAsync(string node, GuestType kind, int vmid, TimeSpan? timeout = null, bool forceStop = false, CancellationToken cancellationToken = default);

    /// <summary>Reboots a guest cleanly (<c>POST …/status/reboot</c>).</summary>
    Task<Upid> RebootGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Suspends a guest (VM: pause in RAM; <c>POST …/status/suspend</c>).</summary>
    Task<Upid> SuspendGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended guest (<c>POST …/status/resume</c>).</summary>
    Task<Upid> ResumeGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>A guest's configuration (<c>GET …/{vmid}/config</c>).</summary>
    Task<GuestConfig> GetGuestConfigAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a guest's configuration synchronously (<c>PUT …/{vmid}/config</c>): sets <paramref name="changes"/>, removes
    /// <paramref name="deleteKeys"/>, and refuses when the config no longer has <paramref name="digest"/>.
    /// </summary>
    Task UpdateGuestConfigAsync(string node, GuestType kind, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a VM's configuration through a task (<c>POST /nodes/{node}/qemu/{vmid}/config</c>); null when PVE finished it at once.</summary>
    Task<Upid?> UpdateVmConfigAsync(string node, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default);

    /// <summary>What stands in the way of migrating a guest, optionally to <paramref name="target"/> (<c>GET …/{vmid}/migrate</c>).</summary>
    Task<MigratePrecondition> GetMigratePreconditionAsync(string node, GuestType kind, int vmid, string? target = null, CancellationToken cancellationToken = default);

    /// <summary>Migrates a guest (<c>POST …/{vmid}/migrate</c>); local PCI devices make the task fail, not this call.</summary>
    Task<Upid> MigrateGuestAsync(string node, GuestType kind, int vmid, MigrateOptions options, CancellationToken cancellationToken = default);

    /// <summary>Clones a guest (<c>POST …/{vmid}/clone</c>).</summary>
    Task<Upid> CloneGuestAsync(string node, GuestType kind, int vmid, CloneOptions options, CancellationToken cancellationToken = default);

    /// <summary>Creates a container from a template (<c>POST /nodes/{node}/lxc</c>).</summary>
    Task<Upid> CreateContainerAsync(string node, CreateContainerOptions options, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stopped guest and its disks (<c>DELETE …/{vmid}</c>); <paramref name="purge"/> also removes it from backup jobs, HA and replication.</summary>
    Task<Upid> DeleteGuestAsync(string node, GuestType kind, int vmid, bool purge = false, CancellationToken cancellationToken = default);

    /// <summary>Snapshots of a guest, including the <c>current</c> pseudo-entry (<c>GET …/{vmid}/snapshot</c>).</summary>
    Task<IReadOnlyList<GuestSnapshot>> ListSnapshotsAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default);

    /// <summary>Takes a snapshot (<c>POST …/{vmid}/snapshot</c>); <paramref name="includeVmState"/> saves a VM's RAM too (VMs only).</summary>
    Task<Upid> CreateSnapshotAsync(string node, GuestType kind, int vmid, string name, string? description = null, bool includeVmState = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes a snapshot (<c>DELETE …/snapshot/{name}</c>).</summary>
    Task<Upid> DeleteSnapshotAsync(string node, GuestType kind, int vmid, string name, CancellationToken cancellationToken = default);

    /// <summary>Rolls a guest back to a snapshot, discarding the current state (<c>POST …/snapshot/{name}/rollback</c>); <paramref name="start"/> starts it afterwards.</summary>
    Task<Upid> RollbackSnapshotAsync(string node, GuestType kind, int vmid, string name, bool start = false, CancellationToken cancellationToken = default);
}
