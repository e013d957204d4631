using System.Text.Json.Nodes;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>
/// Model turns in the OpenAI chat-completions wire format as vLLM writes it (NOTES §2): tool calls with
/// <c>chatcmpl-tool-&lt;hex&gt;</c> ids and arguments as a JSON <em>string</em>, <c>finish_reason</c> "tool_calls"; and the
/// streamed form: id, type and name once per index, then argument fragments, <c>data: [DONE]</c> at the end.
/// </summary>
public static class OpenAITurns
{
    public const string Model = "Qwen/Qwen2.5-7B-Instruct";

    /// <summary>A completion with tool calls; each call is (name, arguments JSON text).</summary>
    public static string Calls(params (string Name, string Arguments)[] calls)
    {
        var toolCalls = new JsonArray();
        for (var i = 0; i < calls.Length; i++)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = $"chatcmpl-tool-{i:x2}3a25abfa70e041c8958862ab6a6550",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = calls[i].Name, ["arguments"] = calls[i].Arguments },
            });
        }

        return Completion(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls }, "tool_calls");
    }

    /// <summary>A completion with text only.</summary>
    public static string Text(string content) => Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");

    /// <summary>Tool calls streamed as SSE payloads: a first delta per index with id, type and name, then the arguments in two fragments each.</summary>
    public static string[] StreamedCalls(params (string Name, string Arguments)[] calls)
    {
        var chunks = new List<string>();
        for (var i = 0; i < calls.Length; i++)
        {
            var delta = new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = i,
                    ["id"] = $"chatcmpl-tool-{i:x2}17f05fc9ab8148eaa5eb2485500e",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = calls[i].Name, ["arguments"] = "" },
                }),
            };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            chunks.Add(Chunk(delta, null));
        }

        for (var i = 0; i < calls.Length; i++)
        {
            var half = calls[i].Arguments.Length / 2;
            foreach (var fragment in new[] { calls[i].Arguments[..half], calls[i].Arguments[half..] })
            {
                chunks.Add(Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = fragment } }),
                }, null));
            }
        }

        chunks.Add(Chunk(new JsonObject(), "tool_calls"));
        return [.. chunks];
    }

    /// <summary>Text streamed as SSE payloads in two pieces.</summary>
    public static string[] StreamedText(string content)
    {
        var half = content.Length / 2;
        return
        [
            Chunk(new JsonObject { ["role"] = "assistant", ["content"] = content[..half] }, null),
            Chunk(new JsonObject { ["content"] = content[half..] }, null),
            Chunk(new JsonObject(), "stop"),
        ];
    }

    private static string Completion(JsonObject message, string finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-5e0c8e2b0c6a4c1f",
        ["object"] = "chat.completion",
        ["created"] = 1736354591,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 2320, ["completion_tokens"] = 58, ["total_tokens"] = 2378 },
    }.ToJsonString();

    private static string Chunk(JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-c1",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1736354591,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    }.ToJsonString();
}
