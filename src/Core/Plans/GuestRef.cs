using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>A guest as resolved when the plan was made: id, kind, node and name (for people).</summary>
public sealed record GuestRef
{
    /// <summary>Guest id.</summary>
    public required int VmId { get; init; }

    /// <summary>VM or container.</summary>
    public required GuestType Type { get; init; }

    /// <summary>Node the guest was on when planned.</summary>
    public required string Node { get; init; }

    /// <summary>Guest name, for messages.</summary>
    public string Name { get; init; } = "";

    /// <summary>From a snapshot entry.</summary>
    public static GuestRef From(GuestState guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return new GuestRef { VmId = guest.VmId, Type = guest.Type, Node = guest.Node, Name = guest.Name };
    }

    /// <summary>"VM 105 (jellyfin)" / "CT 202 (ollama)".</summary>
    public override string ToString() =>
        $"{(Type == GuestType.Qemu ? "VM" : "CT")} {VmId}{(string.IsNullOrEmpty(Name) ? "" : $" ({Name})")}";
}
