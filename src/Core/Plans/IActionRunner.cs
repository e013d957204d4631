namespace PveAgent.Core.Plans;

/// <summary>
/// Carries out <see cref="ClusterAction"/>s against the cluster in two phases, so the plan journal can record the
/// Proxmox task id between them: <see cref="StartAsync"/> sends the request and returns at once with the task it
/// started; <see cref="WaitAsync"/> follows that task to its end. A crash between the two is resolved by
/// <see cref="RecoverAsync"/>, which finds the task or the effect instead of sending the request again.
/// </summary>
public interface IActionRunner
{
    /// <summary>Sends the request that starts <paramref name="action"/>; never waits for the Proxmox task to finish.</summary>
    Task<ActionStarted> StartAsync(ClusterAction action, CancellationToken cancellationToken = default);

    /// <summary>Waits until the action started by <paramref name="started"/> has finished, reporting progress.</summary>
    Task<ActionOutcome> WaitAsync(ClusterAction action, ActionStarted started, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a crash between sending the request and recording its task id: looks for the task the request started
    /// (by type, guest and start time in the cluster's task list) or for its effect, and says which.
    /// </summary>
    Task<ActionRecovery> RecoverAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken = default);
}
