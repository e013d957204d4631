using System.Text.Json;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>Something read from text as a tool call, before the tool set and schema are consulted.</summary>
/// <param name="Name">The tool name written, or null when none could be read.</param>
/// <param name="Arguments">The arguments object, or null when it could not be read.</param>
/// <param name="Problem">Why the text cannot be a usable call (set together with a null <paramref name="Arguments"/>).</param>
/// <param name="Repairs">How the call had to be read (wrappers removed, keys renamed …).</param>
internal sealed record ToolCallCandidate(string? Name, JsonElement? Arguments, string? Problem, IReadOnlyList<string> Repairs);
