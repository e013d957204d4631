namespace PveAgent.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed: bad config, unreachable cluster, failed action.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Refused on purpose: guardrail denial, stale plan, approval declined.</summary>
    public const int Refused = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
