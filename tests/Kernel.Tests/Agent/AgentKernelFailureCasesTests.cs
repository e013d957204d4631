using System.Text.Json;
using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>
/// Every case of fixtures/llm-issues/tool_calling_failure_cases.json through the whole planning loop: the model's turn
/// shows the case's failure (its verbatim shape, carried over to PveAgent's tools) on the real wire format of the server
/// the case was seen on, and the test checks the plan that results and what the kernel sent back. A call that fails
/// validation never becomes a step; a correction is sent once.
/// </summary>
public sealed class AgentKernelFailureCasesTests
{
    private static readonly Dictionary<string, Func<Task>> Scenarios = new(StringComparer.Ordinal)
    {
        ["ollama-13519-llama32-json-in-content"] = async () =>
        {
            // llama3.2 wrote the call as fenced JSON with "parameters" in place of "arguments".
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("start dev-sandbox",
                OllamaTurns.Text("```json\n{\"name\": \"start_guest\", \"parameters\": {\"guest\": \"dev-sandbox\"}}\n```"),
                OllamaTurns.Text("dev-sandbox will start."));

            AssertSteps(result, ("start_guest", """{"guest":"dev-sandbox"}"""));
            Assert.Contains("<tool_result name=\"start_guest\"", agent.ToolResults(1).Single(), StringComparison.Ordinal);
        },
        ["ollama-12174-qwen25coder-bare-json"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("start dev-sandbox",
                OllamaTurns.Text("{\"name\": \"start_guest\", \"arguments\": {\"guest\": \"dev-sandbox\"}}"),
                OllamaTurns.Text("Done."));

            AssertSteps(result, ("start_guest", """{"guest":"dev-sandbox"}"""));
            Assert.Equal(2, result.LlmRoundTrips);
        },
        ["ollama-python-279-stream-toolcall-in-content"] = async () =>
        {
            // Ollama < 0.4.6 streamed the call as content, token by token (mistral: '[{"', 'name', '":"', …).
            await using var agent = await OllamaAgent.StartAsync();
            string[] tokens = ["[{\"", "name", "\":\"", "cluster", "_status", "\",\"", "parameters", "\":{}", "}]"];
            agent.Server.EnqueueChatStream([.. tokens.Select(t => StreamChunk(t)), OllamaTurns.Text("")]);
            agent.Server.EnqueueChatStream(StreamChunk("Three nodes, all online."), OllamaTurns.Text(""));

            var result = await agent.Kernel(new AgentKernelOptions { Streaming = true }).PlanAsync("status", agent.Lab.NewContext());

            Assert.Equal(PlanningOutcome.Answer, result.Outcome);
            Assert.Equal("Three nodes, all online.", result.Text);
            Assert.Contains("\"nodes\"", Assert.Single(result.Data).GetRawText(), StringComparison.Ordinal);
        },
        ["vllm-11786-llama32-vision-wrapped-parameters"] = async () =>
        {
            // vLLM with the llama3_json parser left an OpenAI-style wrapper (with "parameters", one brace short) in content.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.Turns(
                OpenAITurns.Text("{\"type\": \"function\", \"function\": {\"name\": \"start_guest\", \"parameters\": {\"guest\": \"dev-sandbox\"}}"),
                OpenAITurns.Text("dev-sandbox will start."));

            AssertSteps(await agent.PlanAsync("start dev-sandbox"), ("start_guest", """{"guest":"dev-sandbox"}"""));
            var history = agent.Messages(1);
            Assert.Equal("start_guest", history[^2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
            Assert.Equal("tool", history[^1].GetProperty("role").GetString());
        },
        ["continue-13057-qwen3coder-xml-function-tags"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("snapshot homeassistant as before-upgrade",
                OllamaTurns.Text("I'll snapshot homeassistant.\n\n<function=create_snapshot>\n<parameter=guest> homeassistant\n<parameter=name> before-upgrade"),
                OllamaTurns.Text("Snapshot queued."));

            AssertSteps(result, ("create_snapshot", """{"guest":"homeassistant","name":"before-upgrade"}"""));

            // The prose stays in the history as the assistant's text; the call goes back as a proper tool call.
            var assistant = agent.Messages(1).Single(m => m.GetProperty("role").GetString() == "assistant");
            Assert.Equal("I'll snapshot homeassistant.", assistant.GetProperty("content").GetString());
        },
        ["ollama-11381-qwen3-hallucinated-tool-discarded"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("snapshot 110 as pre-test",
                OllamaTurns.Text("<tool_call>\n{\"name\": \"create\", \"arguments\": {\"guest\": \"110\", \"name\": \"pre-test\"}}\n</tool_call>"),
                OllamaTurns.Calls(("create_snapshot", """{"guest":"110","name":"pre-test"}""")),
                OllamaTurns.Text("Snapshot pre-test queued."));

            AssertSteps(result, ("create_snapshot", """{"guest":"110","name":"pre-test"}"""));
            var correction = LastUserText(agent.Messages(1));
            Assert.StartsWith("[PveAgent] There is no tool named 'create'. Did you mean", correction, StringComparison.Ordinal);
            Assert.Contains("'create_snapshot'", correction[..correction.IndexOf("Available", StringComparison.Ordinal)], StringComparison.Ordinal);
            Assert.True(correction.Contains("Available tools: cluster_status, list_guests, get_guest", StringComparison.Ordinal), correction);
        },
        ["thclaws-50-qwen25coder-hallucinated-skill"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("hello",
                OllamaTurns.Text("{ \"name\": \"Skill\", \"arguments\": { \"name\": \"none\" } }"),
                OllamaTurns.Text("Hello! Ask me about the cluster or tell me what to change."));

            Assert.Equal(PlanningOutcome.Answer, result.Outcome);
            Assert.Null(result.Plan);
            Assert.StartsWith("[PveAgent] There is no tool named 'Skill'. Available tools:", LastUserText(agent.Messages(1)), StringComparison.Ordinal);
        },
        ["ollama-12068-qwen25-nested-chat-completion-in-content"] = async () =>
        {
            // A whole chat.completion object written as text is not a tool call: nothing is run or queued.
            await using var agent = await OllamaAgent.StartAsync();
            var prefix = Case("ollama-12068-qwen25-nested-chat-completion-in-content").GetProperty("raw_content_prefix").GetString()!;
            var result = await agent.PlanAsync("thanks", OllamaTurns.Text(prefix));

            Assert.Equal(PlanningOutcome.Answer, result.Outcome);
            Assert.Null(result.Plan);
            Assert.Empty(result.Data);
            Assert.Equal(1, result.LlmRoundTrips);
        },
        ["opencode-1328-qwen3coder-numbers-as-strings"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("shut down pihole, give it two minutes",
                OllamaTurns.Calls(("shutdown_guest", """{"guest":"pihole","timeout":"120"}""")),
                OllamaTurns.Text("pihole shuts down within 120 s."));

            AssertSteps(result, ("shutdown_guest", """{"guest":"pihole","timeout":120}"""));
        },
        ["ollama-7843-int-args-sometimes-strings"] = async () =>
        {
            // Derived: the same integer argument as a string in one call and a number in the next.
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("shut down pihole and homeassistant",
                OllamaTurns.Calls(("shutdown_guest", """{"guest":"pihole","timeout":"60"}"""), ("shutdown_guest", """{"guest":"homeassistant","timeout":90}""")),
                OllamaTurns.Text("Both shut down."));

            AssertSteps(result, ("shutdown_guest", """{"guest":"pihole","timeout":60}"""), ("shutdown_guest", """{"guest":"homeassistant","timeout":90}"""));
        },
        ["langchain-30145-llama31-numeric-string-id-becomes-int"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("start 110",
                OllamaTurns.Calls(("start_guest", """{"guest":110}""")),
                OllamaTurns.Text("VM 110 starts."));

            AssertSteps(result, ("start_guest", """{"guest":"110"}"""));
        },
        ["vllm-docs-llama-array-as-string"] = async () =>
        {
            // Derived: PveAgent's tools take no array, so the same failure — a structured value serialised as a string —
            // is shown on the arguments object itself and on a boolean.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.Turns(
                OpenAITurns.Text("{\"name\": \"clone_guest\", \"parameters\": \"{\\\"source\\\": \\\"9000\\\", \\\"name\\\": \\\"test-vm\\\", \\\"full\\\": \\\"true\\\"}\"}"),
                OpenAITurns.Text("A full clone named test-vm is queued."));

            AssertSteps(await agent.PlanAsync("clone the ubuntu template as test-vm"), ("clone_guest", """{"source":"9000","name":"test-vm","full":true}"""));
        },
        ["vllm-16797-qwen25vl-extra-data"] = async () =>
        {
            // Derived: two JSON objects in one <tool_call> block (hermes: "Extra data"); both are read, in order.
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("snapshot 110 and 201 as nightly-2",
                OllamaTurns.Text("<tool_call>\n{\"name\": \"create_snapshot\", \"arguments\": {\"guest\": \"110\", \"name\": \"nightly-2\"}}\n{\"name\": \"create_snapshot\", \"arguments\": {\"guest\": \"201\", \"name\": \"nightly-2\"}}\n</tool_call>"),
                OllamaTurns.Text("Two snapshots queued."));

            AssertSteps(result, ("create_snapshot", """{"guest":"110","name":"nightly-2"}"""), ("create_snapshot", """{"guest":"201","name":"nightly-2"}"""));
        },
        ["vllm-17161-toolcalls-empty-value-in-content"] = async () =>
        {
            // Derived: a vLLM started without --tool-call-parser hermes leaves Qwen's <tool_call> block in content.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.Turns(
                OpenAITurns.Text("<tool_call>\n{\"name\": \"start_guest\", \"arguments\": {\"guest\": \"dev-sandbox\"}}\n</tool_call>"),
                OpenAITurns.Text("dev-sandbox will start."));

            AssertSteps(await agent.PlanAsync("start dev-sandbox"), ("start_guest", """{"guest":"dev-sandbox"}"""));
        },
        ["llamacpp-11992-12279-empty-tool-call-id"] = async () =>
        {
            // Derived: llama-server before PR #12292 sent "id": ""; the result must still be paired with its call.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.Turns(
                OpenAITurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")).Replace("\"chatcmpl-tool-003a25abfa70e041c8958862ab6a6550\"", "\"\"", StringComparison.Ordinal),
                OpenAITurns.Text("dev-sandbox will start."));

            AssertSteps(await agent.PlanAsync("start dev-sandbox"), ("start_guest", """{"guest":"dev-sandbox"}"""));
            var history = agent.Messages(1);
            var id = history[^2].GetProperty("tool_calls")[0].GetProperty("id").GetString();
            Assert.False(string.IsNullOrEmpty(id));
            Assert.Equal(id, history[^1].GetProperty("tool_call_id").GetString());
        },
        ["lmstudio-830-empty-id"] = async () =>
        {
            // LM Studio's second turn: prose plus a tool call with an empty id and no function at all.
            await using var agent = await OpenAIAgent.StartAsync();
            var broken = Case("lmstudio-830-empty-id").GetProperty("raw_messages")[2].GetRawText();
            agent.Turns(Completion(broken), OpenAITurns.Text("Nothing to change."));

            var result = await agent.PlanAsync("build hello");

            Assert.Null(result.Plan);
            Assert.Equal("Nothing to change.", result.Text);
            Assert.StartsWith("[PveAgent] Your tool call could not be used: it names no tool.", LastUserText(agent.Messages(1)), StringComparison.Ordinal);
        },
        ["ollama-7881-openai-compat-stream-no-index"] = async () =>
        {
            // Ollama /v1 before v0.4.7 streamed whole calls without "index": two calls must stay two steps.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.StreamedTurn(
                """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"id":"call_x","type":"function","function":{"name":"start_guest","arguments":"{\"guest\":\"dev-sandbox\"}"}}]},"finish_reason":null}]}""",
                """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_y","type":"function","function":{"name":"create_snapshot","arguments":"{\"guest\":\"dev-sandbox\",\"name\":\"clean\"}"}}]},"finish_reason":null}]}""",
                """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");
            agent.StreamedTurn(OpenAITurns.StreamedText("Start, then snapshot."));

            var result = await agent.PlanAsync("start dev-sandbox and snapshot it as clean", streaming: true);

            AssertSteps(result, ("start_guest", """{"guest":"dev-sandbox"}"""), ("create_snapshot", """{"guest":"dev-sandbox","name":"clean"}"""));
        },
        ["vllm-docs-mistral-9-digit-ids"] = async () =>
        {
            // Derived: templates are strict about id formats, so the server's own ids go back exactly as received.
            await using var agent = await OpenAIAgent.StartAsync();
            agent.Turns(OpenAITurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")).Replace("chatcmpl-tool-003a25abfa70e041c8958862ab6a6550", "A1b2C3d4E", StringComparison.Ordinal), OpenAITurns.Text("ok"));

            await agent.PlanAsync("start dev-sandbox");

            var history = agent.Messages(1);
            Assert.Equal("A1b2C3d4E", history[^2].GetProperty("tool_calls")[0].GetProperty("id").GetString());
            Assert.Equal("A1b2C3d4E", history[^1].GetProperty("tool_call_id").GetString());
        },
        ["llamacpp-17040-gptoss-content-and-thinking"] = async () =>
        {
            // Derived: a template that refuses content and thinking together in a tool-call message never gets both.
            await using var agent = await OllamaAgent.StartAsync();
            var reply = JsonDocument.Parse(OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}"""))).RootElement.GetRawText()
                .Replace("\"content\":\"\"", "\"content\":\"Starting it.\",\"thinking\":\"The user wants VM 110 started.\"", StringComparison.Ordinal);
            await agent.PlanAsync("start dev-sandbox", reply, OllamaTurns.Text("ok"));

            var assistant = agent.Messages(1).Single(m => m.GetProperty("role").GetString() == "assistant");
            Assert.False(assistant.TryGetProperty("thinking", out _), $"sent {assistant}");
            Assert.Equal("Starting it.", assistant.GetProperty("content").GetString());
        },
        ["vllm-21026-qwen3-required-loop"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var call = OllamaTurns.Calls(("list_guests", """{"node":"brian"}"""));
            var result = await agent.PlanAsync("what runs on brian", call, call, call, OllamaTurns.Text("never asked for"));

            Assert.Equal(3, result.LlmRoundTrips);
            Assert.Equal(3, agent.Requests.Count);
            Assert.StartsWith("Not run again: you already called 'list_guests' with exactly these arguments", agent.ToolResults(2)[^1], StringComparison.Ordinal);
            Assert.Contains("called list_guests 3 times with the same arguments", Assert.Single(result.Problems), StringComparison.Ordinal);
            Assert.Null(result.Plan);
        },
        ["ollama-8337-content-empty-when-tool-called"] = async () =>
        {
            // The call arrives in a done:false chunk with empty content; the final chunk has neither.
            await using var agent = await OllamaAgent.StartAsync();
            agent.Server.EnqueueChatStream(OllamaTurns.StreamedCalls(("start_guest", """{"guest":"dev-sandbox"}""")));
            agent.Server.EnqueueChatStream(StreamChunk("dev-sandbox will start."), OllamaTurns.Text(""));

            var result = await agent.Kernel(new AgentKernelOptions { Streaming = true }).PlanAsync("start dev-sandbox", agent.Lab.NewContext());

            AssertSteps(result, ("start_guest", """{"guest":"dev-sandbox"}"""));
            Assert.Equal("dev-sandbox will start.", result.Text);
        },
        ["ollama-10899-empty-content-with-tools"] = async () =>
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync("start dev-sandbox",
                OllamaTurns.Text(""),
                OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")),
                OllamaTurns.Text("ok"));

            AssertSteps(result, ("start_guest", """{"guest":"dev-sandbox"}"""));
            Assert.Equal("[PveAgent] Your reply was empty. Call a tool, or answer in text.", LastUserText(agent.Messages(1)));
        },
    };

    public static TheoryData<string> CaseIds() => [.. Cases().Select(c => c.GetProperty("id").GetString()!)];

    [Fact]
    public void EveryFixtureCase_HasAPlanningScenario()
    {
        var missing = Cases().Select(c => c.GetProperty("id").GetString()!).Where(id => !Scenarios.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"no planning scenario for: {string.Join(", ", missing)}");
        Assert.Equal(Cases().Count, Scenarios.Count);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public Task Plan_ModelTurnShowingTheFixtureCase_IsRepairedOrCorrected(string caseId) => Scenarios[caseId]();

    private static List<JsonElement> Cases() =>
        [.. Some.Json(SharedFiles.ReadShared("fixtures", "llm-issues", "tool_calling_failure_cases.json")).EnumerateArray()];

    private static JsonElement Case(string id) => Cases().Single(c => c.GetProperty("id").GetString() == id);

    private static void AssertSteps(PlanningResult result, params (string Tool, string Arguments)[] expected)
    {
        Assert.True(result.Outcome == PlanningOutcome.Plan, $"{result.Outcome}: {result.Text} {string.Join(" ", result.Problems)}");
        Assert.Equal(expected.Select(e => e.Tool), result.Plan!.Steps.Select(s => s.Tool));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(JsonElement.DeepEquals(Some.Json(expected[i].Arguments), result.Plan.Steps[i].Arguments), $"step {i + 1}: {result.Plan.Steps[i].Arguments}");
        }
    }

    private static string LastUserText(IReadOnlyList<JsonElement> messages) =>
        messages.Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;

    /// <summary>A streamed Ollama chunk carrying a piece of content (done:false).</summary>
    private static string StreamChunk(string content) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["model"] = OllamaTurns.Model,
            ["created_at"] = "2026-03-02T09:30:00.1Z",
            ["message"] = new System.Text.Json.Nodes.JsonObject { ["role"] = "assistant", ["content"] = content },
            ["done"] = false,
        }.ToJsonString();

    private static string Completion(string messageJson) => $$"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1736354591,"model":"m",
         "choices":[{"index":0,"finish_reason":"tool_calls","message":{{messageJson}}}]}
        """;
}
