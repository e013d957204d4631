using System.Globalization;
using System.Text;
using PveAgent.Core.State;

namespace PveAgent.Kernel.Agent;

/// <summary>
/// The cluster as the planner's system prompt shows it: one line per node (status, CPU, memory, accelerators, services
/// and their loaded models) and one per guest (id, name, type, node, status) — compact, because it is sent with every
/// request. Names come from the cluster and are escaped.
/// </summary>
internal static class ClusterSummary
{
    /// <summary>Guests listed before the rest are only counted (the model can still list them with a tool).</summary>
    public const int MaxGuests = 60;

    public static string Render(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Read at {snapshot.TakenAt:yyyy-MM-dd HH:mm} UTC{(snapshot.Simulated ? " (simulated cluster)" : "")}.\nNodes:");
        foreach (var node in snapshot.Nodes)
        {
            text.Append("\n- ").Append(UntrustedText.Escape(node.Name)).Append(": ").Append(node.Status.ToString().ToLowerInvariant());
            if (node.MaxMemory > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $", CPU {node.Cpu * 100:0} %, memory {Gib(node.Memory)} of {Gib(node.MaxMemory)} GiB used");
            }

            foreach (var group in node.Accelerators.GroupBy(a => (a.Kind, a.Model)))
            {
                var count = group.Count();
                var total = group.First().MemoryTotalMib;
                text.Append(CultureInfo.InvariantCulture, $", {count}× {UntrustedText.Escape(group.Key.Model)}{(total is { } mib ? $" {mib / 1024:0} GiB" : "")}");
                var free = group.Select(a => a.MemoryFreeMib).Where(f => f is not null).Select(f => f!.Value).ToList();
                if (free.Count == count)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ({free.Sum() / 1024:0.#} GiB free)");
                }
            }

            var services = snapshot.Services.Where(s => string.Equals(s.Node, node.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (services.Count > 0)
            {
                text.Append("; services: ").Append(string.Join(", ", services.Select(Service)));
            }
        }

        var guests = snapshot.Guests.OrderBy(g => g.VmId).ToList();
        text.Append("\nGuests (id name type node status):");
        foreach (var guest in guests.Take(MaxGuests))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {guest.VmId} {UntrustedText.Escape(guest.Name, 64)} {(guest.Type == GuestType.Lxc ? "ct" : "vm")} {UntrustedText.Escape(guest.Node)} {(guest.Template ? "template" : UntrustedText.Escape(guest.Status, 16))}");
            if (guest.Lock is { Length: > 0 } held)
            {
                text.Append(" locked:").Append(UntrustedText.Escape(held, 16));
            }
        }

        if (guests.Count > MaxGuests)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- … and {guests.Count - MaxGuests} more (use list_guests)");
        }

        return text.ToString();
    }

    private static string Service(ServiceState service)
    {
        var name = UntrustedText.Escape(service.Name);
        if (!service.Reachable)
        {
            return name + " (down)";
        }

        return service.Loaded.Count == 0 ? name + " (nothing loaded)" : $"{name} (loaded: {string.Join(", ", service.Loaded.Select(m => UntrustedText.Escape(m.Name)))})";
    }

    private static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
}
