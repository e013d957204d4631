namespace PveAgent.Core.Telemetry;

/// <summary>A llama.cpp <c>/health</c> answer.</summary>
/// <param name="Status">Server state.</param>
/// <param name="Message">The server's message when not <see cref="LlamaCppHealthStatus.Ok"/> (e.g. <c>Loading model</c>).</param>
public sealed record LlamaCppHealth(LlamaCppHealthStatus Status, string? Message = null)
{
    /// <summary>True when the server accepts requests.</summary>
    public bool IsReady => Status == LlamaCppHealthStatus.Ok;
}
