namespace PveAgent.Kernel.ToolCalls;

/// <summary>A tool call that was not accepted, with the correction to send back to the model.</summary>
/// <param name="CallId">The native call id, so the correction can go back as that call's tool result; null for text.</param>
/// <param name="Name">The tool name the model used, when one could be read.</param>
/// <param name="Correction">A message for the model that says what was wrong and how to call the tool correctly.</param>
public sealed record RejectedToolCall(string? CallId, string? Name, string Correction);
