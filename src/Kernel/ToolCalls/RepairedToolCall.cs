using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>A tool call that names a known tool and whose arguments satisfy the tool's schema (after unambiguous coercions).</summary>
/// <param name="CallId">The call id: the server's, or a synthesised <c>call_&lt;index&gt;_&lt;hash&gt;</c> for calls found in text.</param>
/// <param name="Name">The tool name, exactly as declared.</param>
/// <param name="Arguments">Validated arguments, coerced to the schema's types.</param>
/// <param name="Repairs">What was changed to get here, one line each (empty for a clean native call).</param>
public sealed record RepairedToolCall(
    string CallId,
    string Name,
    IReadOnlyDictionary<string, JsonElement> Arguments,
    IReadOnlyList<string> Repairs)
{
    /// <summary>True when the call was recovered from the message text rather than sent as a native tool call.</summary>
    public bool FromText { get; init; }

    /// <summary>True when anything was repaired (extraction from text counts).</summary>
    public bool WasRepaired => FromText || Repairs.Count > 0;

    /// <summary>The call as <see cref="FunctionCallContent"/>, for the conversation history and for invoking the tool.</summary>
    public FunctionCallContent ToFunctionCallContent() =>
        new(CallId, Name, Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal));
}
