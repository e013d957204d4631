using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.Kernel.ToolCalls;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.ToolCalls;

/// <summary>
/// Every case of fixtures/llm-issues/tool_calling_failure_cases.json through <see cref="ToolCallRepairer"/>, each with its
/// own expected outcome. Cases with a verbatim payload use it; cases that only describe the failure (no payload in the
/// source) use the smallest input showing that failure, marked "derived".
/// </summary>
public sealed class ToolCallFailureCasesTests
{
    private static readonly ToolCallRepairer Repairer = new(
    [
        Tool("query_web_search", """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}"""),
        Tool("LLM_Tool_RAG", """{"type":"object","properties":{"term":{"type":"string"},"vector":{"type":"string"}},"required":["term"]}"""),
        Tool("calculator", """{"type":"object","properties":{"expr":{"type":"string"}},"required":["expr"]}"""),
        Tool("get_current_location", """{"type":"object","properties":{}}"""),
        Tool("get_current_traffic", """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""),
        Tool("create_new_file", """{"type":"object","properties":{"filepath":{"type":"string"},"contents":{"type":"string"}},"required":["filepath","contents"]}"""),
        Tool("read", """{"type":"object","properties":{"filePath":{"type":"string"},"offset":{"type":"integer"},"limit":{"type":"integer"}},"required":["filePath"]}"""),
        Tool("add_two_numbers", """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}"""),
        Tool("lookup_contact", """{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}"""),
        Tool("get_vm_status", """{"type":"object","properties":{"vmids":{"type":"array","items":{"type":"integer"}}},"required":["vmids"]}"""),
        Tool("query_contact_manager", """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}"""),
        Tool("bash", """{"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}"""),
    ]);

    private static readonly Dictionary<string, Action<JsonElement>> Expectations = new()
    {
        ["ollama-13519-llama32-json-in-content"] = c =>
        {
            var result = Repairer.RepairText(Raw(c, "raw_content"));
            AssertOnlyCall(result, "query_web_search", """{"query":"install ollama models"}""");
            Assert.Contains("\"parameters\" used instead of \"arguments\"", result.Calls[0].Repairs);
            Assert.Equal("", result.RemainingText);
        },
        ["ollama-12174-qwen25coder-bare-json"] = c =>
        {
            var printout = Raw(c, "raw_printout");
            var content = printout.Split('\n').Single(l => l.StartsWith("content: ", StringComparison.Ordinal))["content: ".Length..];
            AssertOnlyCall(Repairer.RepairText(content), "calculator", """{"expr":"17 * 23"}""");

            // The same pipeline with qwen3:8b got a native call whose arguments are a string: valid as is, nothing repaired.
            var arguments = Regex.Match(printout, "'arguments': '(?<json>[^']*)'").Groups["json"].Value;
            var native = Repairer.Validate([Native("calculator", arguments)]);
            AssertOnlyCall(native, "calculator", """{"expr":"17 * 23"}""");
            Assert.False(native.Calls[0].WasRepaired);
        },
        ["ollama-python-279-stream-toolcall-in-content"] = c =>
            AssertOnlyCall(Repairer.RepairText(Raw(c, "raw_content")), "get_current_location", "{}"),
        ["vllm-11786-llama32-vision-wrapped-parameters"] = c =>
        {
            var result = Repairer.RepairText(Raw(c, "raw_content"));
            AssertOnlyCall(result, "get_current_traffic", """{"location":"Sydney"}""");
            var repairs = string.Join(" | ", result.Calls[0].Repairs);
            Assert.Contains("OpenAI-style", repairs, StringComparison.Ordinal);
            Assert.Contains("\"parameters\" used instead of \"arguments\"", repairs, StringComparison.Ordinal);
            Assert.Contains("1 missing closing bracket added", repairs, StringComparison.Ordinal);
        },
        ["continue-13057-qwen3coder-xml-function-tags"] = c =>
        {
            var result = Repairer.RepairText(Raw(c, "raw_content"));
            AssertOnlyCall(result, "create_new_file", """{"filepath":"test.txt","contents":"hello"}""");
            Assert.Equal("I'll create a file called test.txt with the content \"hello\".", result.RemainingText);
        },
        ["ollama-11381-qwen3-hallucinated-tool-discarded"] = c =>
        {
            var result = Repairer.RepairText(Raw(c, "raw_model_output"));
            Assert.Empty(result.Calls);
            Assert.True(result.HadToolCallText);
            Assert.StartsWith("There is no tool named 'create'. Did you mean 'create_new_file'? Available tools: query_web_search, LLM_Tool_RAG,",
                Assert.Single(result.Corrections), StringComparison.Ordinal);
        },
        ["thclaws-50-qwen25coder-hallucinated-skill"] = c =>
        {
            var result = Repairer.RepairText(Raw(c, "raw_content"));
            Assert.Empty(result.Calls);
            var correction = Assert.Single(result.Corrections);
            Assert.StartsWith("There is no tool named 'Skill'. Available tools: ", correction, StringComparison.Ordinal);
            Assert.Contains("bash", correction, StringComparison.Ordinal);
        },
        ["ollama-12068-qwen25-nested-chat-completion-in-content"] = c =>
            AssertNothing(Repairer.RepairText(Raw(c, "raw_content_prefix"))),
        ["opencode-1328-qwen3coder-numbers-as-strings"] = c =>
        {
            var arguments = c.GetProperty("raw_arguments").EnumerateArray().Select(a => a.GetString()!).ToList();
            var result = Repairer.Validate([Native("read", arguments[0]), Native("read", arguments[1])]);
            Assert.Empty(result.Rejected);
            AssertArguments("""{"filePath":"/Users/emre/code/langserver/tests/tprojectsetup.nim","offset":130,"limit":80}""", result.Calls[0]);
            AssertArguments("""{"filePath":"/foo.go","offset":490}""", result.Calls[1]);
            Assert.Contains("argument 'offset': the string \"490\" → integer 490", result.Calls[1].Repairs);
        },
        ["ollama-7843-int-args-sometimes-strings"] = _ =>
            // Derived: the issue has a screenshot only; integers "sometimes treated as strings".
            AssertOnlyCall(Repairer.Validate([Native("add_two_numbers", """{"a":"3","b":4}""")]), "add_two_numbers", """{"a":3,"b":4}"""),
        ["langchain-30145-llama31-numeric-string-id-becomes-int"] = _ =>
            // Derived from the note: the string id came back as a number; its exact digits must survive.
            AssertOnlyCall(Repairer.Validate([Native("lookup_contact", """{"id":12345678901234567890}""")]), "lookup_contact", """{"id":"12345678901234567890"}"""),
        ["vllm-docs-llama-array-as-string"] = _ =>
            // Derived from the doc quote: an array serialised as a string (llama3_json style, with "parameters").
            AssertOnlyCall(Repairer.RepairText("""{"name": "get_vm_status", "parameters": {"vmids": "[101, 102]"}}"""), "get_vm_status", """{"vmids":[101,102]}"""),
        ["vllm-16797-qwen25vl-extra-data"] = _ =>
        {
            // Derived: hermes' "Extra data" is two JSON objects in one <tool_call> block; both are read.
            var result = Repairer.RepairText("<tool_call>\n{\"name\": \"get_current_traffic\", \"arguments\": {\"location\": \"Sydney\"}}\n{\"name\": \"get_current_location\", \"arguments\": {}}\n</tool_call>");
            Assert.Equal(["get_current_traffic", "get_current_location"], result.Calls.Select(x => x.Name));
            Assert.NotEqual(result.Calls[0].CallId, result.Calls[1].CallId);
        },
        ["vllm-17161-toolcalls-empty-value-in-content"] = _ =>
            // Derived: without --tool-call-parser hermes the model's own <tool_call> block stays in content.
            AssertOnlyCall(Repairer.RepairText("<tool_call>\n{\"name\": \"get_current_traffic\", \"arguments\": {\"location\": \"Sydney\"}}\n</tool_call>"),
                "get_current_traffic", """{"location":"Sydney"}"""),
        ["llamacpp-11992-12279-empty-tool-call-id"] = _ =>
        {
            // Derived: a native call whose id is "" still gets an id its result can answer.
            var result = Repairer.Validate([new FunctionCallContent("", "bash", Arguments("""{"command":"ls"}"""))]);
            Assert.Matches(new Regex("^call_0_[0-9a-f]{8}$"), Assert.Single(result.Calls).CallId);
        },
        ["lmstudio-830-empty-id"] = c =>
        {
            var messages = c.GetProperty("raw_messages");
            var good = messages[0].GetProperty("tool_calls")[0];
            var result = Repairer.Validate(
            [
                Native(good.GetProperty("function").GetProperty("name").GetString()!, good.GetProperty("function").GetProperty("arguments").GetString()!, good.GetProperty("id").GetString()!),
                // The second call: "id": "" and no function object at all.
                new FunctionCallContent(messages[2].GetProperty("tool_calls")[0].GetProperty("id").GetString()!, "", null),
            ]);
            var call = Assert.Single(result.Calls);
            Assert.Equal("193629320", call.CallId);
            Assert.Equal("g++ -o hello hello.cpp && ./hello", call.Arguments["command"].GetString());
            var rejected = Assert.Single(result.Rejected);
            Assert.NotEmpty(rejected.CallId!);
            Assert.Contains("it names no tool", rejected.Correction, StringComparison.Ordinal);
        },
        ["ollama-7881-openai-compat-stream-no-index"] = _ =>
        {
            // Connector-level (see OpenAICompatibleChatClientTests.GetStreaming_CallsWithoutIndex_StayTwoCalls); derived here:
            // the two calls such a stream yields validate as two calls.
            var result = Repairer.Validate([Native("get_current_traffic", """{"location":"Oslo"}""", "call_x"), Native("get_current_traffic", """{"location":"Rome"}""", "call_y")]);
            Assert.Equal(["call_x", "call_y"], result.Calls.Select(x => x.CallId));
        },
        ["vllm-docs-mistral-9-digit-ids"] = _ =>
            // Derived: a 9-digit id, as Mistral templates require, is passed through untouched.
            Assert.Equal("123456789", Assert.Single(Repairer.Validate([Native("bash", """{"command":"ls"}""", "123456789")]).Calls).CallId),
        ["llamacpp-17040-gptoss-content-and-thinking"] = c =>
            // A server error, not model output: nothing in it reads as a call (its mapping: OpenAICompatibleChatClientErrorTests).
            AssertNothing(Repairer.RepairText(Raw(c, "raw_error_prefix"))),
        ["vllm-21026-qwen3-required-loop"] = _ =>
        {
            // Derived: the same call after every result; valid each time, so the detector must end it.
            var detector = new RepeatedCallDetector();
            var actions = Enumerable.Range(0, 3)
                .Select(_ => detector.Observe(Assert.Single(Repairer.Validate([Native("query_web_search", """{"query":"vllm"}""")]).Calls)).Action)
                .ToList();
            Assert.Equal([RepeatedCallAction.Proceed, RepeatedCallAction.Warn, RepeatedCallAction.Stop], actions);
        },
        ["ollama-8337-content-empty-when-tool-called"] = c =>
        {
            var chunk = c.GetProperty("raw_first_chunk").GetProperty("message");
            var call = chunk.GetProperty("tool_calls")[0].GetProperty("function");
            var message = new ChatMessage(ChatRole.Assistant,
            [
                new TextContent(chunk.GetProperty("content").GetString()),
                new FunctionCallContent("call_1", call.GetProperty("name").GetString()!, Arguments(call.GetProperty("arguments").GetRawText())),
            ]);
            var result = Repairer.Repair(message);
            AssertOnlyCall(result, "query_contact_manager",
                """{"query":"Add a new contact named Charlie with email charlie@example.com, role CFO, company Z"}""");
            Assert.False(result.HadToolCallText);
        },
        ["ollama-10899-empty-content-with-tools"] = _ =>
            AssertNothing(Repairer.RepairText("")),
    };

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Cases().Select(c => c.GetProperty("id").GetString()!))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FailureCase_ThroughRepairer_HasTheExpectedOutcome(string id)
    {
        Assert.True(Expectations.TryGetValue(id, out var check), $"Case '{id}' has no expected outcome in {nameof(Expectations)}.");

        check(Cases().Single(c => c.GetProperty("id").GetString() == id));
    }

    [Fact]
    public void Expectations_CoverExactlyTheCasesInTheFixture()
    {
        Assert.Equal(Cases().Select(c => c.GetProperty("id").GetString()!).Order(), Expectations.Keys.Order());
    }

    private static IEnumerable<JsonElement> Cases() =>
        JsonDocument.Parse(SharedFiles.ReadShared("fixtures", "llm-issues", "tool_calling_failure_cases.json")).RootElement.EnumerateArray().Select(c => c.Clone());

    private static ToolSignature Tool(string name, string schema) => new(name, Some.Json(schema));

    private static string Raw(JsonElement c, string property) => c.GetProperty(property).GetString()!;

    private static Dictionary<string, object?> Arguments(string json) =>
        Some.Json(json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    private static FunctionCallContent Native(string name, string argumentsJson, string id = "call_1") => new(id, name, Arguments(argumentsJson));

    private static void AssertOnlyCall(ToolCallRepairResult result, string name, string argumentsJson)
    {
        Assert.Empty(result.Corrections);
        var call = Assert.Single(result.Calls);
        Assert.Equal(name, call.Name);
        AssertArguments(argumentsJson, call);
    }

    private static void AssertArguments(string expectedJson, RepairedToolCall call)
    {
        var actual = JsonSerializer.Serialize(call.Arguments);
        Assert.True(JsonElement.DeepEquals(Some.Json(expectedJson), Some.Json(actual)), $"arguments were {actual}");
    }

    private static void AssertNothing(ToolCallRepairResult result)
    {
        Assert.Empty(result.Calls);
        Assert.Empty(result.Corrections);
        Assert.False(result.HadToolCallText);
    }
}
