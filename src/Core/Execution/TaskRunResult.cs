using PveAgent.Core.Routing;

namespace PveAgent.Core.Execution;

/// <summary>How a task run ended: where it ran, why there, how long it took, its output, and the candidates that failed first.</summary>
public sealed record TaskRunResult
{
    /// <summary>True when a candidate produced the whole answer.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>One line for people: "llm-inference ran on brian/ollama with llama3.2:3b in 1.2 s (model was warm)."</summary>
    public required string Summary { get; init; }

    /// <summary>Why the run failed, in words a person acts on; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Node that answered (or, on failure after output started, the one that broke off).</summary>
    public string? Node { get; init; }

    /// <summary>Service that answered.</summary>
    public string? Service { get; init; }

    /// <summary>Model the request named.</summary>
    public string? Model { get; init; }

    /// <summary>True when the router saw the model loaded there.</summary>
    public bool Warm { get; init; }

    /// <summary>The candidate's score in points.</summary>
    public double? Score { get; init; }

    /// <summary>The score's parts in words, e.g. <c>warm-model +30.0: llama3.2:3b is loaded</c>.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Measured time of the request itself, sending to last byte, in milliseconds (what the latency window records).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Time until the first output text, in milliseconds.</summary>
    public double? TimeToFirstOutputMs { get; init; }

    /// <summary>Time of the whole run: routing, waking, starting, waiting and the request.</summary>
    public TimeSpan Total { get; init; }

    /// <summary>The output text (partial when the answer broke off).</summary>
    public string Output { get; init; } = "";

    /// <summary>Token counts and server timings, when reported.</summary>
    public InferenceUsage? Usage { get; init; }

    /// <summary>Candidates tried before (and including, on failure) the last one, each with its error.</summary>
    public IReadOnlyList<TaskAttempt> Attempts { get; init; } = [];

    /// <summary>True when a node was woken for the run.</summary>
    public bool Woke { get; init; }

    /// <summary>True when a guest was started for the run.</summary>
    public bool StartedGuest { get; init; }

    /// <summary>The routing decision (candidates with scores, rejections); null when the run failed before routing.</summary>
    public RouteDecision? Decision { get; init; }
}
