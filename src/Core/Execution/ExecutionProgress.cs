namespace PveAgent.Core.Execution;

/// <summary>A progress report of a task run, in words for the person waiting.</summary>
/// <param name="Stage">What the run is doing.</param>
/// <param name="Message">The sentence to show, e.g. "brian/vllm failed: connection refused — trying pve3/llamacpp".</param>
/// <param name="Node">Node concerned, when one is.</param>
/// <param name="Service">Service concerned, when one is.</param>
public sealed record ExecutionProgress(ExecutionStage Stage, string Message, string? Node = null, string? Service = null);
