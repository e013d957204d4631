namespace PveAgent.Core.Telemetry;

/// <summary>How a program run ended.</summary>
public sealed record ProcessResult
{
    /// <summary>Exit code (meaningless when <see cref="Started"/> is false or <see cref="TimedOut"/>).</summary>
    public int ExitCode { get; init; }

    /// <summary>Everything written to stdout.</summary>
    public string StandardOutput { get; init; } = string.Empty;

    /// <summary>Everything written to stderr.</summary>
    public string StandardError { get; init; } = string.Empty;

    /// <summary>True when the program was killed for exceeding its timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Why the program could not be started (e.g. not found), or null when it started.</summary>
    public string? StartError { get; init; }

    /// <summary>True when the program started.</summary>
    public bool Started => StartError is null;

    /// <summary>stdout followed by stderr, for parsers that look for a tool's error messages wherever they were written.</summary>
    public string CombinedOutput => StandardError.Length == 0 ? StandardOutput : $"{StandardOutput}\n{StandardError}";
}
