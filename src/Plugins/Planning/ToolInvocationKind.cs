namespace PveAgent.Plugins.Planning;

/// <summary>How a tool call through a <see cref="PlanningSession"/> ended.</summary>
public enum ToolInvocationKind
{
    /// <summary>A read tool ran; its result is in the invocation.</summary>
    Result,

    /// <summary>A write tool's call became a plan step; nothing ran.</summary>
    Queued,

    /// <summary>The call was refused (unknown tool, bad arguments, invalid request); no step was added.</summary>
    Error,
}
