using PveAgent.Core.Routing;

namespace PveAgent.Core.Execution;

/// <summary>Settings of <see cref="TaskRunner"/>.</summary>
public sealed class TaskRunnerOptions
{
    /// <summary>Weights and limits of the router (the <c>routing:</c> section of cluster.yaml); the documented defaults when not set.</summary>
    public RoutingOptions Routing { get; set => field = value ?? throw new ArgumentNullException(nameof(value)); } = RoutingOptions.Default;

    /// <summary>Largest input file read (default 1 GiB: an hour of uncompressed audio is ~115 MB).</summary>
    public long MaxInputFileBytes
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The input file limit must be positive.");
    } = 1L << 30;
}
