using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>One share of a workload: a task type, how often it comes, and the models it asks for (most popular first, Zipf-distributed).</summary>
public sealed record TaskMix
{
    /// <summary>Task type.</summary>
    public required TaskType Type { get; init; }

    /// <summary>Relative frequency (any positive number; shares are normalised).</summary>
    public required double Weight { get; init; }

    /// <summary>Models asked for, most popular first; empty for jobs that use none.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Zipf exponent of model popularity (default 1.1: the first model gets about 40 % of five).</summary>
    public double ZipfExponent { get; init; } = 1.1;

    /// <summary>Share of these tasks that are interactive (the rest are normal, or batch for jobs).</summary>
    public double InteractiveShare { get; init; } = 0.6;

    /// <summary>Median prompt tokens (log-normal).</summary>
    public int MedianPromptTokens { get; init; } = 400;

    /// <summary>Median output tokens (log-normal).</summary>
    public int MedianOutputTokens { get; init; } = 200;

    /// <summary>Median audio length in seconds for speech-to-text (log-normal).</summary>
    public double MedianAudioSeconds { get; init; } = 60;

    /// <summary>Shortest and longest job in seconds (uniform) for jobs.</summary>
    public (double Min, double Max) JobSeconds { get; init; } = (20, 120);
}
