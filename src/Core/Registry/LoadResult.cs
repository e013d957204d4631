namespace PveAgent.Core.Registry;

/// <summary>The outcome of loading <c>cluster.yaml</c>: the configuration when it is usable, and every problem found.</summary>
public sealed record LoadResult
{
    /// <summary>The configuration; null whenever <see cref="HasErrors"/> is true.</summary>
    public ClusterConfig? Config { get; init; }

    /// <summary>Every error and warning, ordered by position in the file.</summary>
    public required IReadOnlyList<ConfigDiagnostic> Diagnostics { get; init; }

    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
