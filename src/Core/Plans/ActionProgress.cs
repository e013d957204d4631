namespace PveAgent.Core.Plans;

/// <summary>A progress report while an action runs.</summary>
/// <param name="Message">What is happening now ("migrating: 2.1 GiB of 8 GiB", the last task log line).</param>
/// <param name="Elapsed">Time since the action started.</param>
/// <param name="Fraction">Share done, 0–1, when known.</param>
public sealed record ActionProgress(string Message, TimeSpan Elapsed, double? Fraction = null);
