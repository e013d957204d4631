using PveAgent.Core.Proxmox.Json;

namespace PveAgent.Core.Proxmox;

/// <content>Task status, task log and waiting for a task.</content>
public sealed partial class ProxmoxApiClient
{
    /// <inheritdoc />
    public Task<PveTaskStatus> GetTaskStatusAsync(Upid upid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        return GetAsync(TaskPath(upid, "status"), null, PveJsonContext.Default.TaskStatusEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TaskLogPage> GetTaskLogAsync(Upid upid, int start = 0, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var path = TaskPath(upid, "log");
        var envelope = await SendAsync(HttpMethod.Get, path, new PveParameters().Add("start", start).Add("limit", limit), PveJsonContext.Default.TaskLogEnvelope, cancellationToken);
        return new TaskLogPage { Lines = RequireData(envelope, HttpMethod.Get, path), Total = envelope.Total };
    }

    /// <inheritdoc />
    public async Task<TaskOutcome> WaitForTaskAsync(Upid upid, IProgress<TaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var limit = timeout ?? _options.DefaultTaskTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));

        var started = _time.GetTimestamp();
        var interval = _options.TaskPollInterval;
        var follower = progress is null ? null : new LogFollower();
        while (true)
        {
            var status = await GetTaskStatusAsync(upid, cancellationToken);
            var elapsed = _time.GetElapsedTime(started);
            if (!status.IsRunning)
            {
                return await FinishAsync(upid, status, elapsed, progress, cancellationToken);
            }

            var elapsedMs = (long)elapsed.TotalMilliseconds;
            ProxmoxLog.TaskPolled(_logger, upid, status.Status, elapsedMs);
            var lastLine = follower is null ? null : await follower.NextAsync(this, upid, cancellationToken);
            progress?.Report(new TaskProgress(upid, elapsed, status.Status, lastLine));

            var remaining = limit - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw TaskTimeout(upid, limit);
            }

            await Task.Delay(interval < remaining ? interval : remaining, _time, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * 1.5), _options.TaskMaxPollInterval.Ticks));
        }
    }

    private async Task<TaskOutcome> FinishAsync(Upid upid, PveTaskStatus status, TimeSpan elapsed, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        // pve-common reports an unreadable last log line as "unexpected status"; an absent exitstatus means the same.
        var exitStatus = status.ExitStatus ?? "unexpected status";
        var succeeded = TaskExitStatus.IsSuccess(exitStatus);
        var tail = succeeded ? [] : await ReadLogTailAsync(upid, cancellationToken);
        var elapsedMs = (long)elapsed.TotalMilliseconds;
        ProxmoxLog.TaskFinished(_logger, upid, exitStatus, elapsedMs);
        progress?.Report(new TaskProgress(upid, elapsed, status.Status, tail.Count > 0 ? tail[^1] : null));
        return new TaskOutcome { Upid = upid, Succeeded = succeeded, ExitStatus = exitStatus, Duration = elapsed, LogTail = tail };
    }

    /// <summary>The last lines of the log: one call for the line count, one for the lines.</summary>
    private async Task<IReadOnlyList<string>> ReadLogTailAsync(Upid upid, CancellationToken cancellationToken)
    {
        var wanted = _options.TaskLogTailLines;
        try
        {
            var head = await GetTaskLogAsync(upid, 0, wanted, cancellationToken);
            var page = head.Total is { } total && total > wanted
                ? await GetTaskLogAsync(upid, (int)(total - wanted), wanted, cancellationToken)
                : head;
            return [.. page.Lines.Select(line => line.Text)];
        }
        catch (PveApiException ex)
        {
            // The outcome is known without the log; losing the explanation is better than losing the outcome.
            var reason = ex.Message;
            ProxmoxLog.TaskLogUnavailable(_logger, upid, reason);
            return [];
        }
    }

    private static PveApiException TaskTimeout(Upid upid, TimeSpan limit)
    {
        var statusPath = $"/nodes/{upid.Node}/tasks/{upid}/status";
        return new PveApiException(
            PveErrorKind.Timeout,
            $"Task {upid} ({upid.Type} {upid.Id} on {upid.Node}) did not finish within {limit}; it may still be running. " +
            $"Check it with: pvesh get {statusPath} (its log: pvesh get /nodes/{upid.Node}/tasks/{upid}/log).")
        {
            Method = "GET",
            Path = statusPath,
            Upid = upid,
        };
    }

    private static ApiPath TaskPath(Upid upid, string leaf) => ApiPath.Of("nodes", upid.Node, "tasks", upid.ToString(), leaf);

    /// <summary>Reads only the log lines added since the last poll, so progress costs one small request per poll.</summary>
    private sealed class LogFollower
    {
        private const int PageSize = 50;
        private int _next;
        private string? _lastLine;

        public async Task<string?> NextAsync(ProxmoxApiClient client, Upid upid, CancellationToken cancellationToken)
        {
            try
            {
                var page = await client.GetTaskLogAsync(upid, _next, PageSize, cancellationToken);

                // An empty log file reads as the placeholder line 1 "no content"; it is not a real line.
                if (page.Lines is [{ Number: 1, Text: "no content" }] && page.Total is 1 && _next == 0)
                {
                    return _lastLine;
                }

                if (page.Lines.Count > 0)
                {
                    _lastLine = page.Lines[^1].Text;
                    _next = page.Lines[^1].Number;
                }

                // Far behind (a chatty task): jump to the end instead of paging through every line.
                if (page.Total is { } total && total > _next + PageSize)
                {
                    _next = (int)total - 1;
                }
            }
            catch (PveApiException ex)
            {
                var reason = ex.Message;
                ProxmoxLog.TaskLogUnavailable(client._logger, upid, reason);
            }

            return _lastLine;
        }
    }
}
