using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.Kernel.ToolCalls;

namespace PveAgent.Kernel.Tests.ToolCalls;

public sealed class ToolCallRepairerTests
{
    private static readonly ToolCallRepairer Repairer = new(
    [
        new("get_weather", Some.Json("""{"type":"object","properties":{"city":{"type":"string"},"metric":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}""")),
        new("stop_vm", Some.Json("""
            {"type":"object","properties":{
              "vmid":{"type":"integer","minimum":100},
              "node":{"type":"string"},
              "force":{"type":"boolean"},
              "tags":{"type":"array","items":{"type":"string"}},
              "timeout":{"type":"number"}},
             "required":["vmid"]}
            """)),
        new("web_search", Some.Json("""{"type":"object","properties":{"query":{"type":"string"},"count":{"type":"integer"}},"required":["query"]}""")),
        new("weather", Some.Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""")),
        new("cityAttractions", Some.Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""")),
        new("list_nodes", Some.Json("""{"type":"object","properties":{}}""")),
    ]);

    private static RepairedToolCall OnlyCall(ToolCallRepairResult result)
    {
        Assert.Empty(result.Corrections);
        return Assert.Single(result.Calls);
    }

    private static string Args(RepairedToolCall call) => JsonSerializer.Serialize(call.Arguments);

    private static FunctionCallContent Native(string name, string json, string id = "call_1") =>
        new(id, name, Some.Json(json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()));

    [Fact]
    public void RepairText_JsonFenceWithParameters_IsACall()
    {
        // ollama#13519 as the reporter saw it: in a ```json block, "parameters" for "arguments".
        var call = OnlyCall(Repairer.RepairText("```json\n{\"name\": \"web_search\", \"parameters\": {\"query\": \"install ollama models\"}}\n```"));

        Assert.Equal("web_search", call.Name);
        Assert.Equal("""{"query":"install ollama models"}""", Args(call));
        Assert.Contains("read from a ``` code block in the message text", call.Repairs);
    }

    [Fact]
    public void RepairText_ToolCallTagWithoutClosingTag_IsACall()
    {
        // vllm#5649: "sometimes it leaves off the closing </tool_call> tag".
        var call = OnlyCall(Repairer.RepairText("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Tokyo\"}}"));

        Assert.Equal("get_weather", call.Name);
        Assert.Contains("closing </tool_call> tag was missing", call.Repairs);
    }

    [Fact]
    public void RepairText_TwoToolCallTags_AreTwoCallsInOrder()
    {
        var result = Repairer.RepairText("<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}</tool_call>\n<tool_call>{\"name\":\"list_nodes\",\"arguments\":{}}</tool_call>");

        Assert.Equal(["get_weather", "list_nodes"], result.Calls.Select(c => c.Name));
    }

    [Fact]
    public void RepairText_FunctionWrapperWithoutType_IsUnwrapped()
    {
        var call = OnlyCall(Repairer.RepairText("""{"function": {"name": "get_weather", "arguments": {"city": "Oslo"}}}"""));

        Assert.Equal("get_weather", call.Name);
    }

    [Fact]
    public void RepairText_ArrayOfCalls_IsEveryCall()
    {
        var result = Repairer.RepairText("""[{"name": "get_weather", "arguments": {"city": "Oslo"}}, {"name": "list_nodes", "arguments": {}}]""");

        Assert.Equal(["get_weather", "list_nodes"], result.Calls.Select(c => c.Name));
    }

    [Fact]
    public void RepairText_TwoObjectsRunTogether_AreTwoCalls()
    {
        // sgomez/ollama-ai-provider#11 (prompt-injected tools): two objects concatenated with a space.
        var result = Repairer.RepairText("""{ "name": "weather", "arguments": { "location": "San Francisco" } } { "name": "cityAttractions", "arguments": { "location": "San Francisco" } }""");

        Assert.Equal(["weather", "cityAttractions"], result.Calls.Select(c => c.Name));
        Assert.Empty(result.Corrections);
    }

    [Fact]
    public void RepairText_Pythonic_IsReadWithKeywordArguments()
    {
        // vLLM docs, Llama 3.2 pythonic format, verbatim.
        var call = OnlyCall(Repairer.RepairText("[get_weather(city='San Francisco', metric='celsius')]"));

        Assert.Equal("""{"city":"San Francisco","metric":"celsius"}""", Args(call));
    }

    [Fact]
    public void RepairText_PythonicLiterals_BecomeJsonTypes()
    {
        var result = Repairer.RepairText("[stop_vm(vmid=101, force=True, tags=['db', \"web\"], timeout=2.5, node=None), list_nodes()]");

        Assert.Empty(result.Corrections);
        Assert.Equal("""{"vmid":101,"force":true,"tags":["db","web"],"timeout":2.5}""", Args(result.Calls[0]));
        Assert.Contains("argument 'node': null dropped (optional, so the default applies)", result.Calls[0].Repairs);
        Assert.Equal("list_nodes", result.Calls[1].Name);
    }

    [Fact]
    public void RepairText_PythonicPositionalArgument_IsACorrectionNotAGuess()
    {
        var result = Repairer.RepairText("[get_weather('Oslo')]");

        Assert.Empty(result.Calls);
        Assert.Contains("use name=value", Assert.Single(result.Corrections), StringComparison.Ordinal);
    }

    [Fact]
    public void RepairText_QwenCoderXmlWithClosingTags_IsACall()
    {
        var text = "<tool_call>\n<function=get_weather>\n<parameter=city>\nSan Francisco\n</parameter>\n<parameter=metric>\ncelsius\n</parameter>\n</function>\n</tool_call>";

        var call = OnlyCall(Repairer.RepairText(text));

        Assert.Equal("""{"city":"San Francisco","metric":"celsius"}""", Args(call));
    }

    [Fact]
    public void RepairText_FunctionTagWithJsonBody_CoercesTheStringCount()
    {
        // sipeed/picoclaw#400 (Groq "failed_generation"), verbatim after unescaping.
        var call = OnlyCall(Repairer.RepairText("""<function=web_search>{"query": "best LLM model for orchestration tasks", "count": "5"}</function>"""));

        Assert.Equal("""{"query":"best LLM model for orchestration tasks","count":5}""", Args(call));
        Assert.Contains("argument 'count': the string \"5\" → integer 5", call.Repairs);
    }

    [Fact]
    public void RepairText_ArgumentsAsJsonString_AreParsed()
    {
        var call = OnlyCall(Repairer.RepairText("""{"name": "web_search", "arguments": "{\"query\":\"what is the capital of france?\"}"}"""));

        Assert.Equal("""{"query":"what is the capital of france?"}""", Args(call));
        Assert.Contains("arguments were a JSON string, parsed into an object", call.Repairs);
    }

    [Fact]
    public void RepairText_NamespacedUnknownTool_SuggestsTheDeclaredName()
    {
        // QwenLM/Qwen3.8#15 shape: a dotted name the model invented, arguments as a string.
        var result = Repairer.RepairText("""{"name": "toolbox.web_search", "arguments": "{\"query\":\"what is the capital of france?\"}"}""");

        Assert.Empty(result.Calls);
        Assert.StartsWith("There is no tool named 'toolbox.web_search'. Did you mean 'web_search'?", Assert.Single(result.Corrections), StringComparison.Ordinal);
    }

    [Fact]
    public void RepairText_Misspelt_SuggestsClosestName()
    {
        var correction = Assert.Single(Repairer.RepairText("""{"name": "get_wether", "arguments": {"city": "Oslo"}}""").Corrections);

        Assert.Equal("There is no tool named 'get_wether'. Did you mean 'get_weather'? Available tools: get_weather, stop_vm, web_search, weather, " +
            "cityAttractions, list_nodes. Call one of them by its exact name, or answer without a tool.", correction);
    }

    [Fact]
    public void RepairText_ProseThenJson_KeepsTheProseAsRemainingText()
    {
        // agno-agi/agno#1524 pattern: a sentence announcing the call, then the call.
        var result = Repairer.RepairText("Based on the provided functions, I'll call the web_search function.\n\n{ \"name\": \"web_search\", \"arguments\": { \"query\": \"proxmox\" } }");

        Assert.Equal("web_search", OnlyCall(result).Name);
        Assert.Equal("Based on the provided functions, I'll call the web_search function.", result.RemainingText);
    }

    [Fact]
    public void RepairText_PlainProse_IsNoToolCall()
    {
        var result = Repairer.RepairText("VM 101 runs on pve1 [see the table] and uses 4 GiB.");

        Assert.Empty(result.Calls);
        Assert.False(result.HadToolCallText);
        Assert.Equal("VM 101 runs on pve1 [see the table] and uses 4 GiB.", result.RemainingText);
    }

    [Theory]
    [InlineData("""Here is the status: {"vmid": 101, "status": "running"}""")]
    [InlineData("""{"name": "Bob", "age": 3}""")]
    [InlineData("[Update(2024): pve3 was upgraded to 8.2]")]
    public void RepairText_DataOrProseThatIsNotACall_IsLeftAlone(string text)
    {
        var result = Repairer.RepairText(text);

        Assert.Empty(result.Calls);
        Assert.Empty(result.Corrections);
        Assert.False(result.HadToolCallText);
    }

    [Fact]
    public void RepairText_KnownToolNameWithoutArgumentsKey_IsACall()
    {
        Assert.Equal("list_nodes", OnlyCall(Repairer.RepairText("""{"name": "list_nodes"}""")).Name);
    }

    [Fact]
    public void RepairText_UnreadableToolCallTag_IsACorrection()
    {
        var result = Repairer.RepairText("<tool_call>get the weather please</tool_call>");

        Assert.Empty(result.Calls);
        Assert.True(result.HadToolCallText);
        Assert.StartsWith("Your tool call could not be used: the <tool_call> block does not hold", Assert.Single(result.Corrections), StringComparison.Ordinal);
    }

    [Fact]
    public void RepairText_SameText_GivesTheSameCallIds()
    {
        const string text = """[{"name": "get_weather", "arguments": {"city": "Oslo"}}, {"name": "get_weather", "arguments": {"city": "Oslo"}}]""";

        var first = Repairer.RepairText(text).Calls.Select(c => c.CallId).ToList();
        var second = Repairer.RepairText(text).Calls.Select(c => c.CallId).ToList();

        Assert.Equal(first, second);
        Assert.NotEqual(first[0], first[1]);
    }

    [Theory]
    [InlineData("""{"vmid": "101"}""", """{"vmid":101}""")]
    [InlineData("""{"vmid": 101.0}""", """{"vmid":101}""")]
    [InlineData("""{"vmid": 101, "force": "true"}""", """{"vmid":101,"force":true}""")]
    [InlineData("""{"vmid": 101, "force": "False"}""", """{"vmid":101,"force":false}""")]
    [InlineData("""{"vmid": 101, "tags": "[\"db\", \"web\"]"}""", """{"vmid":101,"tags":["db","web"]}""")]
    [InlineData("""{"vmid": 101, "node": 3}""", """{"vmid":101,"node":"3"}""")]
    [InlineData("""{"vmid": 101, "timeout": "2.5"}""", """{"vmid":101,"timeout":2.5}""")]
    [InlineData("""{"vmid": 101, "node": null}""", """{"vmid":101}""")]
    public void Validate_UnambiguousMismatch_IsCoercedAndReported(string arguments, string expected)
    {
        var call = OnlyCall(Repairer.Validate([Native("stop_vm", arguments)]));

        Assert.Equal(expected, Args(call));
        Assert.NotEmpty(call.Repairs);
    }

    [Theory]
    [InlineData("""{"vmid": "one hundred"}""", "argument 'vmid' must be an integer, not the string \"one hundred\"")]
    [InlineData("""{"vmid": 101.5}""", "argument 'vmid' must be an integer, not the number 101.5")]
    [InlineData("""{"vmid": "0101"}""", "argument 'vmid' must be an integer, not the string \"0101\"")]
    [InlineData("""{"vmid": 101, "force": "yes"}""", "argument 'force' must be a boolean, not the string \"yes\"")]
    [InlineData("""{"vmid": 101, "tags": "db"}""", "argument 'tags' must be an array of string, not the string \"db\"")]
    [InlineData("""{"vmid": 101, "tags": ["db", true]}""", "argument 'tags[1]' must be a string, not the boolean true")]
    [InlineData("""{"vmid": 99}""", "argument 'vmid' must be between 100 and ∞, not 99")]
    [InlineData("""{"vmid": null}""", "missing required argument 'vmid' (integer)")]
    [InlineData("""{"node": "pve1"}""", "missing required argument 'vmid' (integer)")]
    [InlineData("""{"vmid": 101, "force_stop": true}""", "unknown argument 'force_stop' (did you mean 'force'?)")]
    [InlineData("""{"vmid": 101, "priority": 1}""", "unknown argument 'priority'. ")]
    public void Validate_InvalidArguments_AreACorrectionNeverACall(string arguments, string problem)
    {
        var result = Repairer.Validate([Native("stop_vm", arguments, "call_9")]);

        Assert.Empty(result.Calls);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("call_9", rejected.CallId);
        Assert.StartsWith("Your call to 'stop_vm' was not run: ", rejected.Correction, StringComparison.Ordinal);
        Assert.Contains(problem, rejected.Correction, StringComparison.Ordinal);
        Assert.EndsWith("'stop_vm' takes: vmid (integer, required), node (string), force (boolean), tags (array of string), timeout (number). " +
            "Call it again with corrected arguments.", rejected.Correction, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NumericLookingStringForStringParameter_StaysAString()
    {
        var call = OnlyCall(Repairer.Validate([Native("stop_vm", """{"vmid": 101, "node": "5"}""")]));

        Assert.Equal("""{"vmid":101,"node":"5"}""", Args(call));
        Assert.Empty(call.Repairs);
    }

    [Fact]
    public void Validate_EnumMismatch_ListsAllowedValues()
    {
        var result = Repairer.Validate([Native("get_weather", """{"city": "Oslo", "metric": "Celsius"}""")]);

        Assert.Contains("argument 'metric' must be one of \"celsius\", \"fahrenheit\", not \"Celsius\"", Assert.Single(result.Corrections), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CleanNativeCall_IsUnchangedAndNotMarkedRepaired()
    {
        var call = OnlyCall(Repairer.Validate([Native("get_weather", """{"city": "Oslo"}""", "chatcmpl-tool-95a0ed3176f398f3")]));

        Assert.Equal("chatcmpl-tool-95a0ed3176f398f3", call.CallId);
        Assert.False(call.WasRepaired);
        Assert.False(call.FromText);
    }

    [Fact]
    public void Validate_CallWithUnreadableArguments_IsACorrectionForThatCallId()
    {
        var broken = new FunctionCallContent("call_3", "get_weather", null) { Exception = new InvalidDataException("not valid JSON") };

        var rejected = Assert.Single(Repairer.Validate([broken]).Rejected);

        Assert.Equal("call_3", rejected.CallId);
        Assert.Contains("its arguments could not be read (not valid JSON)", rejected.Correction, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_MessageWithNativeCalls_IgnoresCallLikeText()
    {
        var message = new ChatMessage(ChatRole.Assistant,
        [
            new TextContent("""{"name": "list_nodes", "arguments": {}}"""),
            Native("get_weather", """{"city": "Oslo"}"""),
        ]);

        var result = Repairer.Repair(message);

        Assert.Equal("get_weather", OnlyCall(result).Name);
        Assert.False(result.HadToolCallText);
    }

    [Fact]
    public void Repair_MessageWithoutNativeCalls_ReadsTheText()
    {
        var result = Repairer.Repair(new ChatMessage(ChatRole.Assistant, """{"name": "list_nodes", "arguments": {}}"""));

        var call = OnlyCall(result);
        Assert.True(call.FromText);
        Assert.True(result.HadToolCallText);
    }

    [Fact]
    public void ToFunctionCallContent_KeepsIdNameAndArguments()
    {
        var call = OnlyCall(Repairer.RepairText("""{"name": "get_weather", "arguments": {"city": "Oslo"}}"""));

        var content = call.ToFunctionCallContent();

        Assert.Equal(call.CallId, content.CallId);
        Assert.Equal("get_weather", content.Name);
        Assert.Equal("Oslo", ((JsonElement)content.Arguments!["city"]!).GetString());
    }

    [Fact]
    public void ForTools_FunctionFromACSharpMethod_AcceptsNullForNullableParameters()
    {
        var repairer = ToolCallRepairer.ForTools([AIFunctionFactory.Create(
            ([Description("VM id")] int vmid, string? node = null) => $"{vmid}@{node}", "migrate_vm")]);

        var call = OnlyCall(repairer.Validate([Native("migrate_vm", """{"vmid": "101", "node": null}""")]));

        Assert.Equal("""{"vmid":101,"node":null}""", Args(call));
    }

    [Fact]
    public void Constructor_DuplicateToolName_Throws()
    {
        var schema = Some.Json("""{"type":"object"}""");

        Assert.Throws<ArgumentException>(() => new ToolCallRepairer([new("a", schema), new("a", schema)]));
    }

    [Fact]
    public void Validate_SchemaWithoutProperties_AcceptsAnyArguments()
    {
        var repairer = new ToolCallRepairer([new("free", Some.Json("""{"type":"object"}"""))]);

        Assert.Equal("""{"x":1}""", Args(OnlyCall(repairer.Validate([Native("free", """{"x":1}""")]))));
    }
}
