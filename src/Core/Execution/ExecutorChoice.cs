namespace PveAgent.Core.Execution;

/// <summary>Which executor and operation carry out a task on a service, or why none can.</summary>
public sealed record ExecutorChoice
{
    /// <summary>The executor, or null when the service cannot run the task.</summary>
    public IInferenceExecutor? Executor { get; init; }

    /// <summary>The operation to ask for.</summary>
    public InferenceOperation Operation { get; init; }

    /// <summary>Why no executor fits, when none does.</summary>
    public string? Unsupported { get; init; }

    /// <summary>True when <see cref="Executor"/> is set.</summary>
    public bool IsSupported => Executor is not null;
}
