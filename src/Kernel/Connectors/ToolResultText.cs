using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.Connectors;

/// <summary>Renders a tool result as the plain string both wire formats carry in a tool message.</summary>
internal static class ToolResultText
{
    public static string From(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception is { } exception ? $"Error: {exception.Message}" : "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        TextContent content => content.Text,
        IEnumerable<AIContent> contents => string.Concat(contents.OfType<TextContent>().Select(c => c.Text)),
        // Tool results are whatever the tool returned; the abstractions' default options serialise them the way
        // AIFunction invocation does.
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };

    public static string Text(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents.OfType<TextContent>())
        {
            text.Append(content.Text);
        }

        return text.ToString();
    }
}
