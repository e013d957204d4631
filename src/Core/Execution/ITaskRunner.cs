using PveAgent.Core.Plans;

namespace PveAgent.Core.Execution;

/// <summary>Runs AI tasks on the cluster's inference services (see <see cref="TaskRunner"/>).</summary>
public interface ITaskRunner
{
    /// <summary>
    /// Routes the task and runs it on the first candidate of the fallback chain that can answer, streaming the output to
    /// <paramref name="onOutput"/>; expected failures (no candidate, every candidate failed, missing input file) are in the
    /// result, cancellation throws.
    /// </summary>
    Task<TaskRunResult> RunAsync(TaskRunRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, IProgress<ExecutionProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Carries out a plan's <see cref="RunTaskAction"/>: its node and service first, then the fallback chain.</summary>
    Task<ActionOutcome> RunActionAsync(RunTaskAction action, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default);
}
