namespace PveAgent.Core.Proxmox;

/// <summary>One node's device(s) in a PCI mapping, parsed from <c>node=…,path=…,id=…[,subsystem-id=…][,iommugroup=…]</c>.</summary>
public sealed record PciMappingEntry
{
    /// <summary>Node name.</summary>
    public required string Node { get; init; }

    /// <summary>PCI paths on that node; several means "use the first free one".</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary><c>vendor:device</c> the device must have, e.g. <c>10de:2204</c>.</summary>
    public string? DeviceId { get; init; }

    /// <summary><c>vendor:device</c> of the subsystem, when pinned.</summary>
    public string? SubsystemId { get; init; }

    /// <summary>Expected IOMMU group, when pinned.</summary>
    public int? IommuGroup { get; init; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>The raw property string.</summary>
    public required string Raw { get; init; }

    /// <summary>Parses one <c>map</c> entry.</summary>
    public static PciMappingEntry Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var values = PropertyString.Parse(raw).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        return new PciMappingEntry
        {
            Raw = raw,
            Node = values.GetValueOrDefault("node") ?? "",
            Paths = values.TryGetValue("path", out var path) ? path.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            DeviceId = values.GetValueOrDefault("id"),
            SubsystemId = values.GetValueOrDefault("subsystem-id"),
            IommuGroup = values.TryGetValue("iommugroup", out var group) && int.TryParse(group, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
            Description = values.GetValueOrDefault("description"),
        };
    }
}
