using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <content>Snapshots: create, roll back, delete.</content>
public sealed partial class ProxmoxPlugin
{
    /// <summary>Queues taking a snapshot.</summary>
    [Tool("create_snapshot", ToolEffect.Write, Title = "Create snapshot")]
    [Description("Snapshot a guest.")]
    public async Task<ToolResult> CreateSnapshotAsync(
        string guest,
        [Description("Letter, then 1-39 letters, digits, - or _; default auto-DATE.")] string? name = null,
        [Description("Save RAM too (running VM).")] bool? ram = null,
        string? description = null,
        CancellationToken cancellationToken = default)
    {
        var (_, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (found.Template)
        {
            return new ToolError($"{Facts.Label(found)} is a template; templates cannot have snapshots.");
        }

        if (ram == true && (found.Type != GuestType.Qemu || !found.IsRunning))
        {
            return new ToolError($"ram=true needs a running VM; {Facts.Label(found)} is {(found.Type == GuestType.Qemu ? found.Status : "a container")}. Leave ram out.");
        }

        name = name?.Trim() is { Length: > 0 } given ? given : "auto-" + _context.Time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        if (SnapshotNameError(name) is { } invalid)
        {
            return invalid;
        }

        var existing = await SnapshotNamesAsync(found, cancellationToken).ConfigureAwait(false);
        if (existing.Contains(name))
        {
            return new ToolError($"{Facts.Label(found)} already has a snapshot named '{name}'; choose another name.");
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = new CreateSnapshotAction(target, name, string.IsNullOrWhiteSpace(description) ? null : description.Trim(), ram == true),
            Rationale = $"snapshot {target} as '{name}'",
            Preconditions = [new GuestOnNodePrecondition(target, found.Node), new GuestUnlockedPrecondition(target)],
            Compensation = new DeleteSnapshotAction(target, name),
        };
    }

    /// <summary>Queues rolling back to a snapshot.</summary>
    [Tool("rollback_snapshot", ToolEffect.Destructive, Title = "Roll back to snapshot")]
    [Description("Later changes are lost.")]
    public Task<ToolResult> RollbackSnapshotAsync(
        string guest,
        string name,
        CancellationToken cancellationToken = default) =>
        ExistingSnapshotStepAsync(guest, name, (target, snapshot) => new RollbackSnapshotAction(target, snapshot), "roll {0} back to '{1}'; changes since are lost", cancellationToken);

    /// <summary>Queues deleting a snapshot.</summary>
    [Tool("delete_snapshot", ToolEffect.Destructive, Title = "Delete snapshot", Idempotent = true)]
    [Description("Cannot be undone.")]
    public Task<ToolResult> DeleteSnapshotAsync(
        string guest,
        string name,
        CancellationToken cancellationToken = default) =>
        ExistingSnapshotStepAsync(guest, name, (target, snapshot) => new DeleteSnapshotAction(target, snapshot), "delete snapshot '{1}' of {0}", cancellationToken);

    private async Task<ToolResult> ExistingSnapshotStepAsync(string guest, string name, Func<GuestRef, string, ClusterAction> action, string rationale, CancellationToken cancellationToken)
    {
        var (_, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var existing = await SnapshotNamesAsync(found, cancellationToken).ConfigureAwait(false);
        var wanted = name?.Trim() ?? "";
        if (!existing.Contains(wanted))
        {
            var near = existing.OrderBy(s => NameDistance.Between(wanted, s)).ThenBy(s => s, StringComparer.Ordinal).Take(5).ToList();
            return new ToolError(existing.Count == 0
                ? $"{Facts.Label(found)} has no snapshots."
                : $"{Facts.Label(found)} has no snapshot named '{wanted}'.") { DidYouMean = near.Count > 0 ? near : null };
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = action(target, wanted),
            Rationale = string.Format(CultureInfo.InvariantCulture, rationale, target, wanted),
            Preconditions = [new GuestOnNodePrecondition(target, found.Node), new GuestUnlockedPrecondition(target)],
        };
    }

    /// <summary>The guest's snapshot names as they will be after the steps queued so far.</summary>
    private async Task<HashSet<string>> SnapshotNamesAsync(GuestState guest, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var current = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (current.FindGuest(guest.VmId) is { } actual)
        {
            foreach (var snapshot in await _context.Proxmox.ListSnapshotsAsync(actual.Node, actual.Type, actual.VmId, cancellationToken).ConfigureAwait(false))
            {
                if (!snapshot.IsCurrent)
                {
                    names.Add(snapshot.Name);
                }
            }
        }

        foreach (var planned in _context.PlannedActions)
        {
            switch (planned)
            {
                case CreateSnapshotAction c when c.Guest.VmId == guest.VmId:
                    names.Add(c.Name);
                    break;
                case DeleteSnapshotAction d when d.Guest.VmId == guest.VmId:
                    names.Remove(d.Name);
                    break;
            }
        }

        return names;
    }

    private static ToolError? SnapshotNameError(string name) =>
        name == "current"
            ? new ToolError("'current' is reserved by Proxmox for the running state; choose another snapshot name.")
            : SnapshotName().IsMatch(name)
                ? null
                : new ToolError($"'{name}' is not a valid snapshot name: start with a letter, then 1-39 letters, digits, '-' or '_' (e.g. before-upgrade).");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotName();
}
