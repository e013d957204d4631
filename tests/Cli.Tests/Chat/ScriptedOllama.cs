using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveAgent.Cli.Tests.Chat;

/// <summary>
/// Ollama's <c>/api/chat</c> as the CLI's network (<see cref="CliHarness.NetworkHandler"/>): replays scripted model
/// turns in the Go server's wire format (calls with <c>id</c> and <c>function.index</c>, object arguments,
/// <c>done_reason</c> "stop") and records every request. Anything unscripted answers 404 like Go's mux.
/// </summary>
internal sealed class ScriptedOllama : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> _replies = new();
    private readonly ConcurrentQueue<(Uri Uri, JsonElement Body)> _requests = new();

    public IReadOnlyList<(Uri Uri, JsonElement Body)> Requests => [.. _requests];

    /// <summary>The model calls tools: (name, arguments JSON object).</summary>
    public ScriptedOllama Calls(params (string Name, string Arguments)[] calls)
    {
        var toolCalls = new JsonArray();
        for (var i = 0; i < calls.Length; i++)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = $"call_{i:d2}x7k2m9q",
                ["function"] = new JsonObject { ["index"] = i, ["name"] = calls[i].Name, ["arguments"] = JsonNode.Parse(calls[i].Arguments) },
            });
        }

        return Reply(new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = toolCalls });
    }

    /// <summary>The model answers in text.</summary>
    public ScriptedOllama Text(string content) => Reply(new JsonObject { ["role"] = "assistant", ["content"] = content });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue((request.RequestUri!, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone()));
        if (request.RequestUri!.AbsolutePath != "/api/chat" || !_replies.TryDequeue(out var reply))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found", Encoding.UTF8, "text/plain") };
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply, Encoding.UTF8, "application/json") };
    }

    private ScriptedOllama Reply(JsonObject message)
    {
        _replies.Enqueue(new JsonObject
        {
            ["model"] = "qwen2.5:7b",
            ["created_at"] = "2026-03-02T09:30:00.123456Z",
            ["message"] = message,
            ["done_reason"] = "stop",
            ["done"] = true,
            ["total_duration"] = 3244883583L,
            ["prompt_eval_count"] = 2169,
            ["eval_count"] = 38,
        }.ToJsonString());
        return this;
    }
}
