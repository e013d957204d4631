using System.ComponentModel;
using System.Diagnostics;

namespace PveAgent.Core.Telemetry;

/// <summary>Runs real processes with <see cref="ProcessStartInfo.ArgumentList"/> (no shell), a timeout and tree kill.</summary>
/// <param name="timeProvider">Clock for the timeout (default: the system clock).</param>
public sealed class SystemProcessRunner(TimeProvider? timeProvider = null) : IProcessRunner
{
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(request.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in request.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new ProcessResult { ExitCode = -1, StartError = $"could not start {request.FileName}: {ex.Message}" };
        }

        // Nothing is ever written to the child's stdin; closing it stops a tool that would wait for input (ssh -n style).
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = new CancellationTokenSource(request.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            var (partialOut, partialErr) = await DrainAsync(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult { ExitCode = -1, TimedOut = true, StandardOutput = partialOut, StandardError = partialErr };
        }

        return new ProcessResult
        {
            ExitCode = process.ExitCode,
            StandardOutput = await stdout.ConfigureAwait(false),
            StandardError = await stderr.ConfigureAwait(false),
        };
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private async Task<(string Out, string Err)> DrainAsync(Task<string> stdout, Task<string> stderr)
    {
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(DrainAfterKill, _time).ConfigureAwait(false);
            return (stdout.Result, stderr.Result);
        }
        catch (TimeoutException)
        {
            // A grandchild that escaped the kill still holds the pipes; give up on the partial output.
            return (string.Empty, string.Empty);
        }
    }
}
