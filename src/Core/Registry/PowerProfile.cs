namespace PveAgent.Core.Registry;

/// <summary>Power draw of a node, used for energy cost (<c>nodes.&lt;name&gt;.power</c>).</summary>
public sealed record PowerProfile
{
    /// <summary>Draw when idle, in watts.</summary>
    public required double IdleWatts { get; init; }

    /// <summary>Draw at full load, in watts.</summary>
    public required double MaxWatts { get; init; }
}
