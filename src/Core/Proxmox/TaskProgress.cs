namespace PveAgent.Core.Proxmox;

/// <summary>A progress report while waiting for a task.</summary>
/// <param name="Upid">The task.</param>
/// <param name="Elapsed">Time since the wait began.</param>
/// <param name="Status"><c>running</c> or <c>stopped</c>.</param>
/// <param name="LastLogLine">The newest task log line seen so far, when known.</param>
public sealed record TaskProgress(Upid Upid, TimeSpan Elapsed, string Status, string? LastLogLine);
