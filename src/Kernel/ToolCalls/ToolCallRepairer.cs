using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Reads the tool calls of an assistant turn — native ones, or ones a small model wrote into its text — and validates
/// each against the declared tools: an unknown name, a missing or unknown argument or a value of the wrong type becomes
/// a correction for the model, never a call. Only unambiguous type mismatches are coerced by schema.
/// </summary>
public sealed class ToolCallRepairer
{
    private readonly Dictionary<string, ToolArgumentSchema> _tools = new(StringComparer.Ordinal);

    /// <summary>Creates a repairer for a set of tools (names must be unique).</summary>
    public ToolCallRepairer(IEnumerable<ToolSignature> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var names = new List<string>();
        foreach (var tool in tools)
        {
            ArgumentNullException.ThrowIfNull(tool);
            if (!_tools.TryAdd(tool.Name, ToolArgumentSchema.Parse(tool.ParametersSchema)))
            {
                throw new ArgumentException($"Tool '{tool.Name}' is declared twice; tool names must be unique.", nameof(tools));
            }

            names.Add(tool.Name);
        }

        ToolNames = names;
    }

    /// <summary>The declared tool names, in declaration order.</summary>
    public IReadOnlyList<string> ToolNames { get; }

    /// <summary>Creates a repairer for the function declarations among <paramref name="tools"/> (e.g. <see cref="ChatOptions.Tools"/>).</summary>
    public static ToolCallRepairer ForTools(IEnumerable<AITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        return new ToolCallRepairer(tools.OfType<AIFunctionDeclaration>().Select(ToolSignature.FromFunction));
    }

    /// <summary>
    /// Reads an assistant message: its native <see cref="FunctionCallContent"/>s when it has any, otherwise calls written
    /// in its text.
    /// </summary>
    public ToolCallRepairResult Repair(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var native = message.Contents.OfType<FunctionCallContent>().ToList();
        if (native.Count == 0)
        {
            return RepairText(message.Text);
        }

        var validated = Validate(native);
        return new ToolCallRepairResult(validated.Calls, validated.Rejected, false, message.Text);
    }

    /// <summary>Extracts and validates tool calls written as text.</summary>
    public ToolCallRepairResult RepairText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text is null ? ToolCallRepairResult.None : new ToolCallRepairResult([], [], false, "");
        }

        var extraction = TextToolCallExtractor.Extract(text, _tools.ContainsKey);
        var calls = new List<RepairedToolCall>();
        var rejected = new List<RejectedToolCall>();
        var index = 0;
        foreach (var candidate in extraction.Candidates)
        {
            if (candidate.Arguments is not { } arguments)
            {
                rejected.Add(new RejectedToolCall(null, candidate.Name, Unreadable(candidate.Name, candidate.Problem)));
                continue;
            }

            var dictionary = arguments.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            var callId = ToolCallIds.Synthesise(index++, candidate.Name!, ToolArgumentJson.Canonical(arguments), text);
            Check(callId, candidate.Name!, dictionary, candidate.Repairs, fromText: true, calls, rejected);
        }

        return new ToolCallRepairResult(calls, rejected, extraction.LooksLikeToolCall, extraction.RemainingText);
    }

    /// <summary>Validates native tool calls (well-formed or not) against the declared tools.</summary>
    public ToolCallRepairResult Validate(IEnumerable<FunctionCallContent> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var valid = new List<RepairedToolCall>();
        var rejected = new List<RejectedToolCall>();
        var index = 0;
        foreach (var call in calls)
        {
            ArgumentNullException.ThrowIfNull(call);
            var arguments = (call.Arguments ?? new Dictionary<string, object?>())
                .ToDictionary(a => a.Key, a => ToolArgumentJson.ToElement(a.Value), StringComparer.Ordinal);

            // Servers that send no id (llama.cpp before PR #12292, LM Studio) still need their calls answered by id.
            var callId = string.IsNullOrEmpty(call.CallId)
                ? ToolCallIds.Synthesise(index, call.Name ?? "", ToolArgumentJson.Canonical(ToolArgumentJson.ToJsonObject(call.Arguments)), "native")
                : call.CallId;
            index++;

            if (string.IsNullOrEmpty(call.Name))
            {
                rejected.Add(new RejectedToolCall(callId, null, Unreadable(null, "it names no tool")));
                continue;
            }

            if (call.Exception is not null)
            {
                rejected.Add(new RejectedToolCall(callId, call.Name, Unreadable(call.Name, $"its arguments could not be read ({call.Exception.Message})")));
                continue;
            }

            Check(callId, call.Name, arguments, [], fromText: false, valid, rejected);
        }

        return new ToolCallRepairResult(valid, rejected, false, null);
    }

    private void Check(
        string callId,
        string name,
        Dictionary<string, JsonElement> arguments,
        IReadOnlyList<string> extractionRepairs,
        bool fromText,
        List<RepairedToolCall> calls,
        List<RejectedToolCall> rejected)
    {
        var rejectedId = fromText ? null : callId;
        if (!_tools.TryGetValue(name, out var schema))
        {
            rejected.Add(new RejectedToolCall(rejectedId, name, UnknownTool(name)));
            return;
        }

        var outcome = ArgumentValidator.Validate(schema, arguments);
        if (outcome.Arguments is null)
        {
            rejected.Add(new RejectedToolCall(rejectedId, name,
                $"Your call to '{name}' was not run: {string.Join("; ", outcome.Problems)}. " +
                $"'{name}' takes: {ArgumentValidator.DescribeArguments(schema)}. Call it again with corrected arguments."));
            return;
        }

        calls.Add(new RepairedToolCall(callId, name, outcome.Arguments, [.. extractionRepairs, .. outcome.Repairs]) { FromText = fromText });
    }

    private string UnknownTool(string name)
    {
        var suggestions = NameSuggester.Suggest(name, ToolNames);
        var didYouMean = suggestions.Count switch
        {
            0 => "",
            1 => $" Did you mean '{suggestions[0]}'?",
            _ => $" Did you mean one of: {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?",
        };
        return $"There is no tool named '{name}'.{didYouMean} Available tools: {string.Join(", ", ToolNames)}. " +
            "Call one of them by its exact name, or answer without a tool.";
    }

    private static string Unreadable(string? name, string? problem) =>
        $"Your tool call{(name is null ? "" : $" to '{name}'")} could not be used: {problem}. " +
        "Send it as a tool call with a JSON object of arguments, for example {\"name\": \"<tool>\", \"arguments\": {…}}.";
}
