namespace PveAgent.Cli.Tests;

/// <summary>The outcome of one in-process <c>pve-agent</c> invocation.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);
