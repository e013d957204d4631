using System.Text.Json;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Spots a model re-issuing the same tool call (same name, same arguments in any key order) — small local models do this
/// under greedy decoding (comfyui-mcp#153: 30+ identical rounds; vllm#21026 with tool_choice "required"). One instance per
/// conversation; not thread-safe.
/// </summary>
public sealed class RepeatedCallDetector
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Creates a detector that warns on the second identical call and stops at <paramref name="stopAt"/>.</summary>
    /// <param name="stopAt">Number of identical calls that ends the turn; at least 2, default 3.</param>
    public RepeatedCallDetector(int stopAt = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stopAt, 2);
        StopAt = stopAt;
    }

    /// <summary>Number of identical calls that ends the turn.</summary>
    public int StopAt { get; }

    /// <summary>Records a validated call and says whether to run it.</summary>
    public RepeatedCallCheck Observe(RepairedToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Observe(call.Name, call.Arguments);
    }

    /// <summary>Records a call by name and arguments and says whether to run it.</summary>
    public RepeatedCallCheck Observe(string name, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        var key = name + "\n" + ToolArgumentJson.Canonical(ToolArgumentJson.ToJsonObject(arguments.Select(a => new KeyValuePair<string, object?>(a.Key, a.Value))));
        var count = _seen.TryGetValue(key, out var previous) ? previous + 1 : 1;
        _seen[key] = count;

        if (count == 1)
        {
            return new RepeatedCallCheck(RepeatedCallAction.Proceed, count, null);
        }

        if (count >= StopAt)
        {
            return new RepeatedCallCheck(RepeatedCallAction.Stop, count,
                $"Stopped: '{name}' was called {count} times with exactly the same arguments. The earlier result stands; answer the user with what you have.");
        }

        return new RepeatedCallCheck(RepeatedCallAction.Warn, count,
            $"Not run again: you already called '{name}' with exactly these arguments and got its result above. Use that result, change the arguments, or answer the user.");
    }

    /// <summary>Forgets every call seen so far (for a new user request).</summary>
    public void Reset() => _seen.Clear();
}
