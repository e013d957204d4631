namespace PveAgent.Kernel.ToolCalls;

/// <summary>The outcome of reading and validating the tool calls of one assistant turn.</summary>
public sealed record ToolCallRepairResult
{
    /// <summary>Creates a result; <see cref="Corrections"/> is derived from <paramref name="rejected"/>.</summary>
    public ToolCallRepairResult(IReadOnlyList<RepairedToolCall> calls, IReadOnlyList<RejectedToolCall> rejected, bool hadToolCallText, string? remainingText)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(rejected);
        Calls = calls;
        Rejected = rejected;
        HadToolCallText = hadToolCallText;
        RemainingText = remainingText;
        Corrections = [.. rejected.Select(r => r.Correction)];
    }

    /// <summary>No tool calls, nothing to correct.</summary>
    public static ToolCallRepairResult None { get; } = new([], [], false, null);

    /// <summary>Valid calls to run, in the order the model made them.</summary>
    public IReadOnlyList<RepairedToolCall> Calls { get; }

    /// <summary>Calls that were refused, each with its correction.</summary>
    public IReadOnlyList<RejectedToolCall> Rejected { get; }

    /// <summary>The corrections to send back to the model (one per rejected call).</summary>
    public IReadOnlyList<string> Corrections { get; }

    /// <summary>True when the text contained something written as a tool call (valid or not).</summary>
    public bool HadToolCallText { get; }

    /// <summary>The text left once tool-call text is removed (the model's prose), or null when there was no text.</summary>
    public string? RemainingText { get; }
}
