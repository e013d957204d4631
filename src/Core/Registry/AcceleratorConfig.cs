namespace PveAgent.Core.Registry;

/// <summary>A group of identical accelerators in one node (<c>nodes.&lt;name&gt;.accelerators[]</c>).</summary>
public sealed record AcceleratorConfig
{
    /// <summary>Accelerator family.</summary>
    public required AcceleratorKind Kind { get; init; }

    /// <summary>Model as a person writes it, e.g. <c>RTX 3090</c> or <c>wormhole-n150</c>.</summary>
    public required string Model { get; init; }

    /// <summary>How many of them the node has (at least 1).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Memory per device in GiB, when known.</summary>
    public double? VramGb { get; init; }
}
