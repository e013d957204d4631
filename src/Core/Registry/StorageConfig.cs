namespace PveAgent.Core.Registry;

/// <summary>A storage location on a node (<c>nodes.&lt;name&gt;.storage[]</c>).</summary>
public sealed record StorageConfig
{
    /// <summary>Mount path, e.g. <c>/mnt/nas</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Size in TB, when given.</summary>
    public double? SizeTb { get; init; }

    /// <summary>Medium, e.g. <c>hdd</c>, <c>ssd</c>, <c>nvme</c>.</summary>
    public string? Type { get; init; }
}
