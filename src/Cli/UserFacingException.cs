namespace PveAgent.Cli;

/// <summary>An error meant for the person at the terminal: what went wrong and how to fix it, no stack trace.</summary>
internal sealed class UserFacingException(string message, string? hint = null, int exitCode = ExitCodes.Error) : Exception(message)
{
    public string? Hint { get; } = hint;

    public int ExitCode { get; } = exitCode;
}
