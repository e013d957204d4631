namespace PveAgent.Kernel.ToolCalls;

/// <summary>What to do with a tool call given how often the same call was already made.</summary>
public enum RepeatedCallAction
{
    /// <summary>First time: run it.</summary>
    Proceed,

    /// <summary>Seen before: do not run it again; answer with <see cref="RepeatedCallCheck.Message"/> as its result.</summary>
    Warn,

    /// <summary>Repeated up to the limit: end the turn, the model is looping.</summary>
    Stop,
}
