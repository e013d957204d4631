using Microsoft.Extensions.Logging;

namespace PveAgent.Core.Proxmox;

/// <summary>The client's log events; they carry method, path, status and timing, never headers or the token.</summary>
internal static partial class ProxmoxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} in {ElapsedMs} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = 2, Message = "{Method} {Path} failed: {Kind} (status {Status}) after {ElapsedMs} ms")]
    public static partial void RequestFailed(ILogger logger, LogLevel level, string method, string path, PveErrorKind kind, int? status, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Retrying {Method} {Path} in {DelayMs} ms (retry {Retry}) after {Kind}")]
    public static partial void Retrying(ILogger logger, string method, string path, long delayMs, int retry, PveErrorKind kind);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "TLS certificate verification is DISABLED for {Endpoint} (insecure_skip_verify: true): anyone on the network path can impersonate the server and capture the API token. Pin the certificate with proxmox.fingerprint instead.")]
    public static partial void InsecureTls(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Task {Upid} is {Status} after {ElapsedMs} ms")]
    public static partial void TaskPolled(ILogger logger, Upid upid, string status, long elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Task {Upid} finished with {ExitStatus} after {ElapsedMs} ms")]
    public static partial void TaskFinished(ILogger logger, Upid upid, string exitStatus, long elapsedMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Could not read the log of task {Upid}: {Reason}")]
    public static partial void TaskLogUnavailable(ILogger logger, Upid upid, string reason);
}
