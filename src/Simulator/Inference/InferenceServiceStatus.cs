using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>State of one simulated inference service at a moment of simulated time.</summary>
public sealed record InferenceServiceStatus
{
    /// <summary>Node the service is configured on.</summary>
    public required string Node { get; init; }

    /// <summary>Service name (the key under <c>services:</c>).</summary>
    public required string Service { get; init; }

    /// <summary>Protocol the service speaks.</summary>
    public required ServiceKind Kind { get; init; }

    /// <summary>TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>True when the server process is running (its guest and node are up and it did not fail to start).</summary>
    public required bool IsUp { get; init; }

    /// <summary>Why the server could not start (out of device memory), when it could not.</summary>
    public string? Failure { get; init; }

    /// <summary>Models in memory, including ones still loading.</summary>
    public required IReadOnlyList<LoadedModelStatus> Models { get; init; }

    /// <summary>Requests being served right now.</summary>
    public required int InFlight { get; init; }
}
