namespace PveAgent.Simulator.Inference;

/// <summary>A model held in memory by a simulated service.</summary>
public sealed record LoadedModelStatus
{
    /// <summary>Model name as configured in cluster.yaml.</summary>
    public required string Name { get; init; }

    /// <summary>True once loading has finished (the model is warm).</summary>
    public required bool IsReady { get; init; }

    /// <summary>When loading started.</summary>
    public required DateTimeOffset LoadStartedAt { get; init; }

    /// <summary>When loading finishes or finished.</summary>
    public required DateTimeOffset ReadyAt { get; init; }

    /// <summary>End of the latest request that used the model.</summary>
    public required DateTimeOffset LastUsedAt { get; init; }

    /// <summary>When an idle Ollama model will be unloaded; null for models kept until the server stops.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Memory the model occupies, GB.</summary>
    public required double SizeGb { get; init; }

    /// <summary>Part of it in accelerator memory, GB (less than <see cref="SizeGb"/> when partly offloaded to the CPU).</summary>
    public required double VramGb { get; init; }

    /// <summary>Requests using the model right now.</summary>
    public required int InFlight { get; init; }
}
