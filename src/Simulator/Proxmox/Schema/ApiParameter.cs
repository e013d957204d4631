namespace PveAgent.Simulator.Proxmox.Schema;

/// <summary>One parameter of an API endpoint as the PVE schema declares it; <c>name[n]</c> stands for <c>name0</c>, <c>name1</c>, ….</summary>
internal sealed record ApiParameter(string Name, ApiParameterType Type)
{
    /// <summary>False when PVE rejects a request without it.</summary>
    public bool Optional { get; init; } = true;

    /// <summary>Allowed values, when the schema lists them.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Inclusive lower bound for numbers.</summary>
    public double? Minimum { get; init; }

    /// <summary>Inclusive upper bound for numbers.</summary>
    public double? Maximum { get; init; }

    /// <summary>Longest accepted string.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Named format (<c>pve-node</c>, <c>pve-vmid</c>, <c>pve-qm-hostpci</c> …).</summary>
    public string? Format { get; init; }

    /// <summary>Keys of an inline property-string format (<c>key=value,key=value</c>).</summary>
    public IReadOnlyList<string>? PropertyKeys { get; init; }

    /// <summary>Key a property-string value without <c>key=</c> belongs to.</summary>
    public string? DefaultKey { get; init; }

    /// <summary>True for indexed parameters such as <c>hostpci[n]</c>.</summary>
    public bool IsIndexed => Name.EndsWith("[n]", StringComparison.Ordinal);

    /// <summary>Name without the <c>[n]</c> suffix.</summary>
    public string Stem => IsIndexed ? Name[..^3] : Name;
}
