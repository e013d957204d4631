using System.Globalization;
using System.Text.Json.Nodes;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>
/// Model turns in Ollama's <c>/api/chat</c> wire format as the Go server writes it (NOTES §1, api/types.go): the
/// non-streamed reply of <c>chat_nostream_tools_response.json</c> with <c>id</c> and <c>function.index</c> on each call,
/// arguments as an object, <c>done_reason</c> "stop" even for tool calls, metrics in nanoseconds.
/// </summary>
public static class OllamaTurns
{
    public const string Model = "qwen2.5:7b";

    /// <summary>A reply with native tool calls; each call is (name, arguments as a JSON object text).</summary>
    public static string Calls(params (string Name, string Arguments)[] calls)
    {
        var toolCalls = new JsonArray();
        for (var i = 0; i < calls.Length; i++)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = "call_" + Id(calls[i].Name, i),
                ["function"] = new JsonObject
                {
                    ["index"] = i,
                    ["name"] = calls[i].Name,
                    ["arguments"] = JsonNode.Parse(calls[i].Arguments),
                },
            });
        }

        return Reply(new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = toolCalls });
    }

    /// <summary>A reply with only text in <c>content</c> (an answer, or a tool call a small model wrote as text).</summary>
    public static string Text(string content) => Reply(new JsonObject { ["role"] = "assistant", ["content"] = content });

    /// <summary>The same reply as <see cref="Calls"/>, streamed as NDJSON: the calls in a <c>done:false</c> chunk, then the final chunk with the metrics.</summary>
    public static string[] StreamedCalls(params (string Name, string Arguments)[] calls)
    {
        var chunk = JsonNode.Parse(Calls(calls))!.AsObject();
        foreach (var metric in new[] { "done_reason", "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration" })
        {
            chunk.Remove(metric);
        }

        chunk["done"] = false;
        return [chunk.ToJsonString(), Text("")];
    }

    private static string Reply(JsonObject message) => new JsonObject
    {
        ["model"] = Model,
        ["created_at"] = "2026-03-02T09:30:00.123456Z",
        ["message"] = message,
        ["done_reason"] = "stop",
        ["done"] = true,
        ["total_duration"] = 3244883583L,
        ["load_duration"] = 29691845L,
        ["prompt_eval_count"] = 2169,
        ["prompt_eval_duration"] = 141656333L,
        ["eval_count"] = 38,
        ["eval_duration"] = 133293625L,
    }.ToJsonString();

    // Ollama's ids are "call_" + 8 lowercase alphanumerics (toolCallId()); deterministic here so requests can be compared.
    private static string Id(string name, int index) =>
        ((name.Aggregate(17L, (hash, c) => (hash * 31 + c) % 90_000_000) + index) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
}
