namespace PveAgent.Kernel.ToolCalls;

/// <summary>The verdict on one tool call from <see cref="RepeatedCallDetector"/>.</summary>
/// <param name="Action">Run it, answer with a warning instead, or stop the turn.</param>
/// <param name="Count">How many times this exact call (name and arguments) has now been seen, this one included.</param>
/// <param name="Message">The text to give the model as the call's result when <paramref name="Action"/> is not <see cref="RepeatedCallAction.Proceed"/>.</param>
public sealed record RepeatedCallCheck(RepeatedCallAction Action, int Count, string? Message);
