using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>Test data builders.</summary>
public static class Some
{
    /// <summary>The <c>get_weather</c> tool exactly as the Ollama docs declare it (chat_nostream_tools_request.json).</summary>
    public static AIFunctionDeclaration WeatherTool()
    {
        var tool = JsonDocument.Parse(FakeOllamaServer.Fixture("chat_nostream_tools_request.json")).RootElement.GetProperty("tools")[0].GetProperty("function");
        return AIFunctionFactory.CreateDeclaration(
            tool.GetProperty("name").GetString()!, tool.GetProperty("description").GetString(), tool.GetProperty("parameters").Clone());
    }

    /// <summary>A tool declaration from a name and a JSON schema text.</summary>
    public static AIFunctionDeclaration Tool(string name, string schema, string? description = null) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonDocument.Parse(schema).RootElement.Clone());

    /// <summary>A JSON element from text.</summary>
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>An HttpClient for tests (short timeout: a hung test fails rather than waits).</summary>
    public static HttpClient HttpClient() => new() { Timeout = TimeSpan.FromSeconds(20) };
}
