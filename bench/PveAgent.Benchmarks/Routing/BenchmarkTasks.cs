using PveAgent.Core.Routing;

namespace PveAgent.Benchmarks.Routing;

/// <summary>The two tasks every routing measurement uses, so the BenchmarkDotNet suite and the percentiles agree.</summary>
internal static class BenchmarkTasks
{
    /// <summary>An interactive chat for a model most synthetic nodes can serve, with a latency bound.</summary>
    public static TaskRequest Chat() => new()
    {
        Type = TaskType.LlmInference,
        Model = "llama3.1:8b",
        Priority = TaskPriority.Interactive,
        Constraints = new TaskConstraints { MaxLatencyMs = 30_000 },
    };

    /// <summary>A transcription, which most nodes cannot take (each rejection gets a reason).</summary>
    public static TaskRequest Transcription() => new() { Type = TaskType.SpeechToText, Model = "whisper-large-v3" };
}
