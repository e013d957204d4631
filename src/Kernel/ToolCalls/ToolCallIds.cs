using System.Security.Cryptography;
using System.Text;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Synthesises tool-call ids for servers that send none or an empty one (Ollama before v0.12.10, llama.cpp before
/// PR #12292, LM Studio). The id is stable for the same input and distinct across calls and turns, because the seed
/// carries the turn (response id or timestamp) and the call's index, name and arguments.
/// </summary>
internal static class ToolCallIds
{
    /// <summary>Returns <paramref name="serverId"/> when it is usable, otherwise <c>call_&lt;index&gt;_&lt;8 hex&gt;</c>.</summary>
    public static string OrSynthesise(string? serverId, int index, string name, string argumentsJson, string? turnSeed) =>
        string.IsNullOrWhiteSpace(serverId) ? Synthesise(index, name, argumentsJson, turnSeed) : serverId;

    /// <summary>Creates <c>call_&lt;index&gt;_&lt;8 hex&gt;</c> from the call and its turn.</summary>
    public static string Synthesise(int index, string name, string argumentsJson, string? turnSeed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{turnSeed}\n{index}\n{name}\n{argumentsJson}"));
        return $"call_{index}_{Convert.ToHexStringLower(hash.AsSpan(0, 4))}";
    }
}
