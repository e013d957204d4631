namespace PveAgent.Core.Execution;

/// <summary>Speaks one inference protocol: sends a request, streams the output text, and reports what the server measured.</summary>
public interface IInferenceExecutor
{
    /// <summary>Short protocol name for messages, e.g. <c>OpenAI-compatible</c>.</summary>
    string Protocol { get; }

    /// <summary>True when this executor can carry out <paramref name="operation"/>.</summary>
    bool Supports(InferenceOperation operation);

    /// <summary>
    /// Sends <paramref name="request"/> and calls <paramref name="onOutput"/> with each piece of output text as it arrives
    /// (once, at the end, for answers that are not streamed). Failures throw <see cref="InferenceException"/>; cancelling
    /// <paramref name="cancellationToken"/> aborts the HTTP request and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<InferenceResult> ExecuteAsync(InferenceRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, CancellationToken cancellationToken = default);
}
