namespace PveAgent.Core.Telemetry;

/// <summary>A program to run: executable and arguments, passed as a list (never joined into a shell string).</summary>
public sealed record ProcessRequest
{
    /// <summary>Executable name (looked up on <c>PATH</c>) or path.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments, each passed to the program as one argument.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How long the program may run (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
