using PveAgent.Core.Plans;

namespace PveAgent.Core.Execution;

/// <summary>Runs AI tasks on the cluster's inference services (see a <c>TaskRunner</c>).</summary>
public interface ITaskRunner
{
    /// <summary>Carries out a plan's <see cref="RunTaskAction"/>: its node and service first, then the fallback chain.</summary>
    Task<ActionOutcome> RunActionAsync(RunTaskAction action, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default);
}
