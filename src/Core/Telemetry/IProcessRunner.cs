namespace PveAgent.Core.Telemetry;

/// <summary>Runs an external program; the seam that lets tests replace <c>ssh</c>, <c>nvidia-smi</c> and <c>tt-smi</c>.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs the program to completion or until <see cref="ProcessRequest.Timeout"/> (then kills its process tree and
    /// reports <see cref="ProcessResult.TimedOut"/>). Expected failures are values; cancellation throws.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default);
}
