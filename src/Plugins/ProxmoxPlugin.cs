using System.ComponentModel;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins;

/// <summary>
/// Nodes and guests: status, lifecycle, migration, snapshots, clones, containers, GPU passthrough and Wake-on-LAN.
/// Read tools answer from the session's snapshot and the API; write tools validate against the projected cluster and
/// return a <see cref="ProposedStep"/> — they never call a changing API.
/// </summary>
/// <param name="context">The planning session's context.</param>
public sealed partial class ProxmoxPlugin(ToolContext context)
{
    private const int MaxGuests = 50;
    private const int MaxTasks = 20;

    private readonly ToolContext _context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Nodes with status, CPU, memory and accelerators, and how many guests run.</summary>
    [Tool("cluster_status", ToolEffect.Read, Title = "Cluster status", Idempotent = true)]
    [Description("Nodes: status, CPU %, memory GiB, accelerators, guests running.")]
    public async Task<ToolResult> ClusterStatusAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        var guests = snapshot.Guests.Where(g => !g.Template).ToList();
        var nodes = snapshot.Nodes.Select(n => new NodeRow(
            n.Name,
            Facts.Status(n.Status),
            Facts.Round(n.Cpu * 100),
            Facts.Gib(n.Memory),
            Facts.Gib(n.FreeMemory),
            Facts.Gib(n.MaxMemory),
            guests.Count(g => g.IsRunning && string.Equals(g.Node, n.Name, StringComparison.OrdinalIgnoreCase)),
            Accelerators(n.Config),
            n.TelemetryError)).ToList();
        return new ClusterStatus(_context.Config.Cluster.Name, snapshot.TakenAt, nodes, guests.Count(g => g.IsRunning), guests.Count, snapshot.Simulated ? true : null);
    }

    /// <summary>Guests, optionally of one node and one status.</summary>
    [Tool("list_guests", ToolEffect.Read, Title = "List guests", Idempotent = true)]
    [Description("VMs/containers: id, name, node, status, memory GiB; max 50.")]
    public async Task<ToolResult> ListGuestsAsync(
        string? node = null,
        [Description("running or stopped.")] string? status = null,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        IEnumerable<GuestState> guests = snapshot.Guests;
        if (node is not null)
        {
            if (!NodeResolver.TryResolve(snapshot, node, out var found, out var error))
            {
                return error;
            }

            guests = guests.Where(g => string.Equals(g.Node, found.Name, StringComparison.OrdinalIgnoreCase));
        }

        if (status is not null)
        {
            var wanted = status.Trim().ToLowerInvariant();
            if (wanted is not ("running" or "stopped" or "paused" or "suspended"))
            {
                return new ToolError($"Unknown status '{status}': use running or stopped.");
            }

            guests = guests.Where(g => g.Status == wanted);
        }

        var matched = guests.OrderBy(g => g.VmId).ToList();
        var rows = matched.Take(MaxGuests).Select(g => new GuestRow(
            g.VmId, g.Name, Facts.Kind(g.Type), g.Node, g.Status, Facts.Gib(g.MaxMemory), g.MaxCpu, g.Lock, g.Template ? true : null)).ToList();
        return new GuestList(rows, matched.Count, matched.Count > MaxGuests ? true : null);
    }

    /// <summary>One guest in detail, with what ties it to its node.</summary>
    [Tool("get_guest", ToolEffect.Read, Title = "Guest details", Idempotent = true)]
    [Description("Status, memory GiB, GPUs, local devices, migratable.")]
    public async Task<ToolResult> GetGuestAsync(string guest, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (!GuestResolver.TryResolve(snapshot, guest, out var found, out var error))
        {
            return error;
        }

        var config = await _context.Proxmox.GetGuestConfigAsync(found.Node, found.Type, found.VmId, cancellationToken).ConfigureAwait(false);
        var gpus = Facts.Gpus(config);
        var local = Facts.LocalDevices(config);
        var services = _context.Config.Nodes
            .SelectMany(n => n.Services.Where(s => s.Guest == found.VmId).Select(s => $"{s.Name} ({s.Kind.ToString().ToLowerInvariant()}) on {n.Name}"))
            .ToList();
        return new GuestDetails(
            found.VmId,
            found.Name,
            Facts.Kind(found.Type),
            found.Node,
            found.Status,
            Facts.Round(found.Cpu * 100),
            Facts.Gib(found.Memory),
            Facts.Gib(found.MaxMemory),
            config.Cores is { } cores ? cores * (config.Sockets ?? 1) : found.MaxCpu,
            local.Count == 0,
            found.Tags.Count > 0 ? found.Tags : null,
            found.Lock,
            found.Template ? true : null,
            found.HaState,
            gpus.Count > 0 ? gpus : null,
            local.Count > 0 ? local : null,
            services.Count > 0 ? services : null);
    }

    /// <summary>A guest's snapshots, oldest first.</summary>
    [Tool("list_snapshots", ToolEffect.Read, Title = "List snapshots", Idempotent = true)]
    [Description("Oldest first.")]
    public async Task<ToolResult> ListSnapshotsAsync(string guest, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (!GuestResolver.TryResolve(snapshot, guest, out var found, out var error))
        {
            return error;
        }

        var snapshots = await _context.Proxmox.ListSnapshotsAsync(found.Node, found.Type, found.VmId, cancellationToken).ConfigureAwait(false);
        var rows = snapshots.Where(s => !s.IsCurrent)
            .OrderBy(s => s.SnapTime ?? 0)
            .Select(s => new SnapshotRow(s.Name, s.CreatedAt, s.Parent, string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim(), s.VmState == true ? true : null))
            .ToList();
        return new SnapshotList(Facts.Label(found), rows);
    }

    /// <summary>A node's accelerator PCI devices and mappings, and which VM passes each through.</summary>
    [Tool("pci_devices", ToolEffect.Read, Title = "Passthrough devices", Idempotent = true)]
    [Description("GPU/accelerator PCI devices and mappings, with their VMs.")]
    public async Task<ToolResult> PciDevicesAsync(string node, CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (!NodeResolver.TryResolve(snapshot, node, out var found, out var error))
        {
            return error;
        }

        if (found.Status != NodeStatus.Online)
        {
            return new ToolError($"Node {found.Name} is {Facts.Status(found.Status)}: its PCI devices can be read once it is online.");
        }

        var devices = await _context.Proxmox.GetPciDevicesAsync(found.Name, cancellationToken).ConfigureAwait(false);
        var mappings = (await _context.Proxmox.GetPciMappingsAsync(null, cancellationToken).ConfigureAwait(false)).Where(m => m.CoversNode(found.Name)).ToList();
        var users = await PassthroughUsersAsync(snapshot, found.Name, cancellationToken).ConfigureAwait(false);

        var rows = devices.Where(IsAccelerator).Select(d => new PciRow(
            d.Id,
            d.DeviceName,
            d.VendorName,
            d.IommuGroup,
            users.FirstOrDefault(u => u.Device.HostIds.Any(h => SamePciDevice(h, d.Id))) is { Guest: not null } user ? $"{Facts.Label(user.Guest)} {user.Device.Key}" : null)).ToList();
        var mappingRows = mappings.Select(m =>
        {
            var used = users.Where(u => u.Device.Mapping == m.Id).Select(u => $"{Facts.Label(u.Guest)} {u.Device.Key}").ToList();
            return new PciMappingRow(m.Id, [.. m.Entries.Where(e => e.Node == found.Name).SelectMany(e => e.Paths)], m.Description, used.Count > 0 ? used : null);
        }).ToList();
        return new PciDeviceList(found.Name, rows, mappingRows);
    }

    /// <summary>Recent Proxmox tasks, newest first.</summary>
    [Tool("recent_tasks", ToolEffect.Read, Title = "Recent tasks", Idempotent = true)]
    [Description("Proxmox tasks, newest first; max 20.")]
    public async Task<ToolResult> RecentTasksAsync(
        string? guest = null,
        bool? failed = null,
        CancellationToken cancellationToken = default)
    {
        IEnumerable<ClusterTaskEntry> tasks = await _context.Proxmox.GetClusterTasksAsync(cancellationToken).ConfigureAwait(false);
        if (guest is not null)
        {
            var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
            if (!GuestResolver.TryResolve(snapshot, guest, out var found, out var error))
            {
                return error;
            }

            var id = Facts.Id(found.VmId);
            tasks = tasks.Where(t => t.Id == id);
        }

        if (failed == true)
        {
            tasks = tasks.Where(t => !t.IsRunning && !t.Succeeded);
        }

        var matched = tasks.OrderByDescending(t => t.StartTime ?? 0).ToList();
        var rows = matched.Take(MaxTasks).Select(t => new TaskRow(
            t.Upid,
            t.Node ?? "",
            t.Type ?? "",
            t.IsRunning ? "running" : t.Status ?? "unknown",
            string.IsNullOrEmpty(t.Id) ? null : t.Id,
            t.User,
            t.StartTime is { } start ? DateTimeOffset.FromUnixTimeSeconds(start) : null,
            t.EndTime is { } end ? DateTimeOffset.FromUnixTimeSeconds(end) : null)).ToList();
        return new TaskList(rows, matched.Count > MaxTasks ? true : null);
    }

    /// <summary>The last lines of a task's log.</summary>
    [Tool("task_log", ToolEffect.Read, Title = "Task log", Idempotent = true)]
    [Description("Last lines of a task's log.")]
    public async Task<ToolResult> TaskLogAsync(
        string upid,
        [Description("1-200.")] int lines = 50,
        CancellationToken cancellationToken = default)
    {
        if (!Upid.TryParse(upid?.Trim(), out var parsed))
        {
            return new ToolError($"'{upid}' is not a task id: pass the upid field of recent_tasks (UPID:node:…).");
        }

        if (lines is < 1 or > 200)
        {
            return new ToolError($"lines is {lines}; ask for 1 to 200.");
        }

        var first = await _context.Proxmox.GetTaskLogAsync(parsed, 0, lines, cancellationToken).ConfigureAwait(false);
        var page = first;
        if (first.Total is { } total && total > lines)
        {
            page = await _context.Proxmox.GetTaskLogAsync(parsed, (int)(total - lines), lines, cancellationToken).ConfigureAwait(false);
        }

        return new TaskLog(parsed.ToString(), [.. page.Lines.Select(l => l.Text)], first.Total, first.Total > lines ? true : null);
    }

    private async Task<List<(GuestState Guest, HostPciDevice Device)>> PassthroughUsersAsync(ClusterSnapshot snapshot, string node, CancellationToken cancellationToken)
    {
        var result = new List<(GuestState, HostPciDevice)>();
        foreach (var vm in snapshot.Guests.Where(g => g.Type == GuestType.Qemu && !g.Template && string.Equals(g.Node, node, StringComparison.OrdinalIgnoreCase)))
        {
            var config = await _context.Proxmox.GetGuestConfigAsync(vm.Node, vm.Type, vm.VmId, cancellationToken).ConfigureAwait(false);
            result.AddRange(config.HostPci.Select(d => (vm, d)));
        }

        return result;
    }

    private static bool IsAccelerator(PciDevice device) =>
        device.Class is { } c && (c.StartsWith("0x03", StringComparison.OrdinalIgnoreCase) || c.StartsWith("0x12", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a hostpci id (<c>0000:01:00</c> = all functions, <c>01:00.0</c>) names the device <paramref name="id"/>.</summary>
    internal static bool SamePciDevice(string hostId, string id)
    {
        static string Full(string text) => text.Count(c => c == ':') == 1 ? "0000:" + text : text;
        var host = Full(hostId.Trim()).ToLowerInvariant();
        var device = Full(id.Trim()).ToLowerInvariant();
        return host == device || (!host.Contains('.', StringComparison.Ordinal) && device.StartsWith(host + ".", StringComparison.Ordinal));
    }

    private static string? Accelerators(NodeConfig? config) =>
        config is null || config.Accelerators.Count == 0
            ? null
            : string.Join(", ", config.Accelerators.Select(a => a.Count > 1 ? $"{a.Count}x {a.Model}" : a.Model));
}
