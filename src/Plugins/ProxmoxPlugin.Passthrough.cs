using System.ComponentModel;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <content>GPU passthrough: assign and release <c>hostpci</c> devices.</content>
public sealed partial class ProxmoxPlugin
{
    /// <summary>Queues passing a GPU (a PCI mapping or a raw PCI address) through to a VM.</summary>
    [Tool("assign_gpu", ToolEffect.Write, Title = "Assign GPU")]
    [Description("Pass through to a VM; effective at its next start.")]
    public async Task<ToolResult> AssignGpuAsync(
        string guest,
        [Description("Mapping id or PCI address, e.g. 0000:01:00.")] string device,
        CancellationToken cancellationToken = default)
    {
        var (_, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (found.Type != GuestType.Qemu)
        {
            return new ToolError($"{Facts.Label(found)} is a container; PCI passthrough (hostpci) is for VMs.");
        }

        if (await VmConfigAsync(found, cancellationToken).ConfigureAwait(false) is not { } config)
        {
            return new ToolError($"{Facts.Label(found)} is created by an earlier step of this plan; assign devices once it exists.");
        }

        var wanted = (device ?? "").Trim();
        var mappings = (await _context.Proxmox.GetPciMappingsAsync(null, cancellationToken).ConfigureAwait(false)).Where(m => m.CoversNode(found.Node)).ToList();
        var devices = (await _context.Proxmox.GetPciDevicesAsync(found.Node, cancellationToken).ConfigureAwait(false))
            .Where(d => d.Class?.StartsWith("0x03", StringComparison.OrdinalIgnoreCase) == true || d.Class?.StartsWith("0x12", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        var slots = Slots(config, found.VmId);

        string canonical;
        bool isMapping;
        if (mappings.FirstOrDefault(m => string.Equals(m.Id, wanted, StringComparison.OrdinalIgnoreCase)) is { } mapping)
        {
            canonical = mapping.Id;
            isMapping = true;
            if (slots.Values.Any(v => v.Mapping == canonical))
            {
                return new ToolError($"{Facts.Label(found)} already passes through mapping '{canonical}'.");
            }
        }
        else if (devices.FirstOrDefault(d => ProxmoxPlugin.SamePciDevice(wanted, d.Id)) is { } pci)
        {
            canonical = wanted.Contains('.', StringComparison.Ordinal) ? pci.Id : pci.Id[..pci.Id.LastIndexOf('.')];
            isMapping = false;
            var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
            var holder = (await PassthroughUsersAsync(snapshot, found.Node, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(u => u.Device.HostIds.Any(h => ProxmoxPlugin.SamePciDevice(h, pci.Id) || ProxmoxPlugin.SamePciDevice(canonical, h)));
            if (holder.Guest is not null && !ReleasedByPlan(holder.Guest.VmId, holder.Device.Key))
            {
                return new ToolError($"{pci.Id} is already passed through to {Facts.Label(holder.Guest)} as {holder.Device.Key}; release it there first (release_gpu).");
            }
        }
        else
        {
            List<string> choices = [.. mappings.Select(m => m.Id), .. devices.Select(d => d.Id)];
            return new ToolError($"No PCI mapping or GPU '{wanted}' on {found.Node}.") { DidYouMean = choices.Count > 0 ? choices : null };
        }

        var free = Enumerable.Range(0, 16).FirstOrDefault(i => !slots.ContainsKey($"hostpci{i}"), -1);
        if (free < 0)
        {
            return new ToolError($"{Facts.Label(found)} has no free hostpci slot (all 16 used).");
        }

        var target = Facts.Ref(found);
        var slot = $"hostpci{free}";
        return new ProposedStep
        {
            Action = new AssignGpuAction(target, slot, canonical, isMapping),
            Rationale = $"pass {(isMapping ? $"mapping '{canonical}'" : canonical)} through to {target} as {slot}; takes effect at its next start"
                + (isMapping ? "" : " (raw PCI ids need root@pam; an API token can only assign a PCI mapping)"),
            Preconditions = [new GuestOnNodePrecondition(target, found.Node), new GuestUnlockedPrecondition(target)],
            Compensation = new ReleaseGpuAction(target, slot, null),
        };
    }

    /// <summary>Queues removing a passed-through device from a VM.</summary>
    [Tool("release_gpu", ToolEffect.Write, Title = "Release GPU", Idempotent = true)]
    [Description("Remove a passthrough; effective at next start.")]
    public async Task<ToolResult> ReleaseGpuAsync(
        string guest,
        [Description("hostpciN, mapping id or PCI address; omit if only one.")] string? slot = null,
        CancellationToken cancellationToken = default)
    {
        var (_, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (found.Type != GuestType.Qemu)
        {
            return new ToolError($"{Facts.Label(found)} is a container; it has no hostpci devices.");
        }

        var config = await VmConfigAsync(found, cancellationToken).ConfigureAwait(false);
        var slots = config is null ? [] : Slots(config, found.VmId);
        if (slots.Count == 0)
        {
            return new ToolError($"{Facts.Label(found)} passes no PCI devices through; nothing to release.");
        }

        KeyValuePair<string, Passed> chosen;
        if (slot is null)
        {
            if (slots.Count > 1)
            {
                return new ToolError($"{Facts.Label(found)} passes {slots.Count} devices through; say which slot.") { DidYouMean = [.. slots.Select(s => $"{s.Key}={s.Value}")] };
            }

            chosen = slots.First();
        }
        else
        {
            var wanted = slot.Trim();
            var key = int.TryParse(wanted, out var index) ? $"hostpci{index}" : wanted.ToLowerInvariant();
            chosen = slots.FirstOrDefault(s => s.Key == key || string.Equals(s.Value.Mapping, wanted, StringComparison.OrdinalIgnoreCase)
                || s.Value.HostIds.Any(h => ProxmoxPlugin.SamePciDevice(h, wanted) || ProxmoxPlugin.SamePciDevice(wanted, h)));
            if (chosen.Key is null)
            {
                return new ToolError($"{Facts.Label(found)} has no passthrough slot or device '{wanted}'.") { DidYouMean = [.. slots.Select(s => $"{s.Key}={s.Value}")] };
            }
        }

        var target = Facts.Ref(found);
        var passed = chosen.Value;
        return new ProposedStep
        {
            Action = new ReleaseGpuAction(target, chosen.Key, passed.Raw),
            Rationale = $"remove {chosen.Key} ({passed}) from {target}; takes effect at its next start",
            Preconditions = [new GuestOnNodePrecondition(target, found.Node), new GuestUnlockedPrecondition(target)],
            Compensation = new AssignGpuAction(target, chosen.Key, passed.Mapping ?? string.Join(';', passed.HostIds), passed.Mapping is not null),
        };
    }

    private async Task<GuestConfig?> VmConfigAsync(GuestState guest, CancellationToken cancellationToken)
    {
        var current = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        return current.FindGuest(guest.VmId) is { } actual
            ? await _context.Proxmox.GetGuestConfigAsync(actual.Node, actual.Type, actual.VmId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The VM's hostpci slots as they will be after the steps queued so far.</summary>
    private SortedDictionary<string, Passed> Slots(GuestConfig config, int vmId)
    {
        var slots = new SortedDictionary<string, Passed>(StringComparer.Ordinal);
        foreach (var device in config.HostPci)
        {
            slots[device.Key] = new Passed(device.Raw, device.Mapping, device.HostIds);
        }

        foreach (var planned in _context.PlannedActions)
        {
            switch (planned)
            {
                case AssignGpuAction a when a.Guest.VmId == vmId:
                    slots[a.Slot] = a.IsMapping ? new Passed($"mapping={a.Device}", a.Device, []) : new Passed(a.Device, null, [a.Device]);
                    break;
                case ReleaseGpuAction r when r.Guest.VmId == vmId:
                    slots.Remove(r.Slot);
                    break;
            }
        }

        return slots;
    }

    private bool ReleasedByPlan(int vmId, string slot) =>
        _context.PlannedActions.OfType<ReleaseGpuAction>().Any(r => r.Guest.VmId == vmId && r.Slot == slot);

    private sealed record Passed(string Raw, string? Mapping, IReadOnlyList<string> HostIds)
    {
        public override string ToString() => Mapping is { } m ? "mapping:" + m : string.Join(';', HostIds);
    }
}
