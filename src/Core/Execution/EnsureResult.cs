namespace PveAgent.Core.Execution;

/// <summary>Whether a service can now take requests, and what it took to get there.</summary>
public sealed record EnsureResult
{
    /// <summary>True when the service answers (or needed nothing).</summary>
    public required bool Ready { get; init; }

    /// <summary>Why the service is not ready, in words a person acts on.</summary>
    public string? Error { get; init; }

    /// <summary>True when the node had to be woken.</summary>
    public bool Woke { get; init; }

    /// <summary>True when the service's guest had to be started.</summary>
    public bool StartedGuest { get; init; }

    /// <summary>Time spent.</summary>
    public TimeSpan Elapsed { get; init; }
}
