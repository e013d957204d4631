using System.ComponentModel;
using System.Text.RegularExpressions;
using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <content>New guests: clones and containers from OS templates.</content>
public sealed partial class ProxmoxPlugin
{
    /// <summary>Queues cloning a template or guest to a new id.</summary>
    [Tool("clone_guest", ToolEffect.Write, Title = "Clone guest")]
    [Description("Copy a template or guest; the copy is stopped.")]
    public async Task<ToolResult> CloneGuestAsync(
        string source,
        string? name = null,
        int? vmid = null,
        string? node = null,
        [Description("Full copy (always for a non-template).")] bool? full = null,
        CancellationToken cancellationToken = default)
    {
        var (projected, found, error) = await WriteTargetAsync(source, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (name is not null && HostnameError(name, "name") is { } badName)
        {
            return badName;
        }

        var target = found.Node;
        if (node is not null)
        {
            if (!NodeResolver.TryResolve(projected, node, out var destination, out var nodeError))
            {
                return nodeError;
            }

            target = destination.Name;
        }

        if (projected.FindNode(target) is { Status: not NodeStatus.Online } down)
        {
            return new ToolError($"Node {down.Name} is {Facts.Status(down.Status)}; clones need an online node.");
        }

        if (NewId(projected, vmid) is not { } newId)
        {
            return new ToolError($"Id {vmid} is taken or out of range (100-999999999); leave vmid out to use the next free id.");
        }

        var copyAll = full == true || !found.Template;
        var sourceRef = Facts.Ref(found);
        var created = new GuestRef { VmId = newId, Type = found.Type, Node = target, Name = name ?? "" };
        return new ProposedStep
        {
            Action = new CloneGuestAction(sourceRef, newId, name, target == found.Node ? null : target, copyAll),
            Rationale = $"clone {sourceRef} to {created}{(target == found.Node ? "" : $" on {target}")}{(copyAll && full != true ? " as a full copy (only templates can be cloned linked)" : "")}",
            Preconditions = [new GuestAbsentPrecondition(newId), new GuestOnNodePrecondition(sourceRef, found.Node), new GuestUnlockedPrecondition(sourceRef), new NodeStatusPrecondition(target, NodeStatus.Online)],
            Compensation = new DeleteGuestAction(created),
        };
    }

    /// <summary>Queues creating a container from an OS template.</summary>
    [Tool("create_container", ToolEffect.Write, Title = "Create container")]
    [Description("From an OS template volume.")]
    public async Task<ToolResult> CreateContainerAsync(
        [Description("e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst")] string template,
        string hostname,
        string node,
        [Description("MiB.")] int memory = 512,
        int cores = 1,
        string storage = "local-lvm",
        bool? start = null,
        CancellationToken cancellationToken = default)
    {
        var projected = await _context.GetProjectedSnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (!NodeResolver.TryResolve(projected, node, out var found, out var nodeError))
        {
            return nodeError;
        }

        if (found.Status != NodeStatus.Online)
        {
            return new ToolError($"Node {found.Name} is {Facts.Status(found.Status)}; containers are created on an online node.");
        }

        if (!OsTemplate().IsMatch(template?.Trim() ?? ""))
        {
            return new ToolError($"'{template}' is not an OS template volume: give storage:vztmpl/<file>.tar.gz|xz|zst, e.g. local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst.");
        }

        if (HostnameError(hostname, "hostname") is { } badName)
        {
            return badName;
        }

        if (memory < 16 || (found.MaxMemory > 0 && memory * 1024L * 1024 > found.MaxMemory))
        {
            return new ToolError($"memory is {memory} MiB; give 16 MiB up to the node's {Facts.Gib(found.MaxMemory)} GiB.");
        }

        if (cores < 1 || (found.MaxCpu > 0 && cores > found.MaxCpu))
        {
            return new ToolError($"cores is {cores}; give 1 to {Math.Max(1, found.MaxCpu)} (the node's CPUs).");
        }

        var storages = await _context.Proxmox.GetNodeStorageAsync(found.Name, cancellationToken).ConfigureAwait(false);
        var usable = storages.Where(s => s.Content?.Contains("rootdir", StringComparison.Ordinal) == true && s.Active != false && s.Enabled != false).Select(s => s.Storage).ToList();
        if (!usable.Contains(storage, StringComparer.Ordinal))
        {
            return new ToolError($"Storage '{storage}' cannot hold container disks on {found.Name}.") { DidYouMean = usable.Count > 0 ? usable : null };
        }

        var vmId = NewId(projected, null)!.Value;
        var created = new GuestRef { VmId = vmId, Type = GuestType.Lxc, Node = found.Name, Name = hostname };
        return new ProposedStep
        {
            Action = new CreateContainerAction(found.Name, vmId, template!.Trim(), hostname, memory, cores, storage, start == true),
            Rationale = $"create {created} on {found.Name}",
            Preconditions = [new GuestAbsentPrecondition(vmId), new NodeStatusPrecondition(found.Name, NodeStatus.Online)],
            Compensation = new DeleteGuestAction(created),
        };
    }

    /// <summary>The requested id when it is free, else (when none was asked for) the lowest free id from 100, as PVE's nextid picks it.</summary>
    private static int? NewId(ClusterSnapshot projected, int? wanted)
    {
        if (wanted is { } id)
        {
            return id is >= 100 and <= 999_999_999 && projected.FindGuest(id) is null ? id : null;
        }

        var taken = projected.Guests.Select(g => g.VmId).ToHashSet();
        var next = 100;
        while (taken.Contains(next))
        {
            next++;
        }

        return next;
    }

    private static ToolError? HostnameError(string? value, string argument) =>
        value is not null && Hostname().IsMatch(value)
            ? null
            : new ToolError($"{argument} '{value}' is not a valid DNS name: letters, digits and '-', up to 63 characters, not starting or ending with '-'.");

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]*:vztmpl/[^/\s]+\.tar\.(gz|xz|zst)$", RegexOptions.CultureInvariant)]
    private static partial Regex OsTemplate();
}
