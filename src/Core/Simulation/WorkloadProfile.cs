using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>
/// A named workload for the policy simulator: Poisson arrivals at a base rate with periodic bursts, and a task mix.
/// The built-in ones use the models the sample cluster serves, so every policy can place every task.
/// </summary>
public sealed record WorkloadProfile
{
    /// <summary>Name, e.g. <c>mixed</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Mean arrivals per second outside bursts.</summary>
    public required double ArrivalsPerSecond { get; init; }

    /// <summary>Seconds between the starts of two bursts (0: no bursts).</summary>
    public double BurstEverySeconds { get; init; }

    /// <summary>How long a burst lasts, seconds.</summary>
    public double BurstSeconds { get; init; }

    /// <summary>Arrival rate during a burst as a multiple of the base rate.</summary>
    public double BurstMultiplier { get; init; } = 1;

    /// <summary>The task mix.</summary>
    public required IReadOnlyList<TaskMix> Mix { get; init; }

    private static readonly string[] Llms = ["qwen-2.5-32b", "llama3.1:8b", "mistral-nemo", "qwen2.5:7b"];
    private static readonly string[] LargeLlms = ["qwen-2.5-32b", "llama-3.3-70b", "llama3.1:8b", "mistral-nemo", "qwen2.5:7b"];
    private static readonly string[] SmallLlms = ["llama-3.2-3b-instruct", "llama3.2:3b", "qwen2.5-1.5b-instruct"];

    /// <summary>Chat on mid-size and small models, embeddings, transcription and a little preprocessing, with a burst every ten minutes.</summary>
    public static WorkloadProfile Mixed { get; } = new()
    {
        Name = "mixed",
        ArrivalsPerSecond = 0.4,
        BurstEverySeconds = 600,
        BurstSeconds = 60,
        BurstMultiplier = 4,
        Mix =
        [
            new TaskMix { Type = TaskType.LlmInference, Weight = 40, Models = Llms },
            new TaskMix { Type = TaskType.SmallLlmInference, Weight = 25, Models = SmallLlms },
            new TaskMix { Type = TaskType.Embeddings, Weight = 15, Models = ["bge-large-en-v1.5"], InteractiveShare = 0.3, MedianPromptTokens = 300 },
            new TaskMix { Type = TaskType.SpeechToText, Weight = 15, Models = ["whisper-large-v3"], InteractiveShare = 0.5 },
            new TaskMix { Type = TaskType.Preprocessing, Weight = 5, InteractiveShare = 0, JobSeconds = (10, 60) },
        ],
    };

    /// <summary>Mostly chat, including a 70B model that needs two GPUs, some small-model chat.</summary>
    public static WorkloadProfile LlmHeavy { get; } = new()
    {
        Name = "llm-heavy",
        ArrivalsPerSecond = 0.5,
        BurstEverySeconds = 900,
        BurstSeconds = 90,
        BurstMultiplier = 3,
        Mix =
        [
            new TaskMix { Type = TaskType.LlmInference, Weight = 80, Models = LargeLlms, MedianOutputTokens = 300 },
            new TaskMix { Type = TaskType.SmallLlmInference, Weight = 20, Models = SmallLlms },
        ],
    };

    /// <summary>The mixed task mix at a low base rate with strong two-minute bursts.</summary>
    public static WorkloadProfile Bursty { get; } = Mixed with
    {
        Name = "bursty",
        ArrivalsPerSecond = 0.2,
        BurstEverySeconds = 600,
        BurstSeconds = 120,
        BurstMultiplier = 10,
    };

    /// <summary>Transcription of recordings from seconds to half an hour, with embeddings of the transcripts.</summary>
    public static WorkloadProfile Speech { get; } = new()
    {
        Name = "speech",
        ArrivalsPerSecond = 0.15,
        Mix =
        [
            new TaskMix { Type = TaskType.SpeechToText, Weight = 70, Models = ["whisper-large-v3"], MedianAudioSeconds = 120, InteractiveShare = 0.4 },
            new TaskMix { Type = TaskType.Embeddings, Weight = 30, Models = ["bge-large-en-v1.5"], InteractiveShare = 0.2, MedianPromptTokens = 1500 },
        ],
    };

    /// <summary>Every built-in workload.</summary>
    public static IReadOnlyList<WorkloadProfile> BuiltIn { get; } = [Mixed, LlmHeavy, Bursty, Speech];

    /// <summary>This workload with its arrival rate scaled from the three-node sample cluster to <paramref name="nodes"/> nodes.</summary>
    public WorkloadProfile ScaledTo(int nodes) => this with { ArrivalsPerSecond = ArrivalsPerSecond * Math.Max(1, nodes) / 3.0 };

    /// <summary>A built-in workload by name (case-insensitive), or null.</summary>
    public static WorkloadProfile? Find(string name) =>
        BuiltIn.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
