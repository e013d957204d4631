using System.Text.Json;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.Configuration;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Configuration;

public sealed class ChatClientFactoryTests
{
    [Fact]
    public async Task Create_Ollama_TalksToApiChatWithTheModelAndContextLength()
    {
        await using var server = await FakeOllamaServer.StartAsync();
        server.EnqueueChat(OllamaTurns.Text("hi"));
        var settings = new AgentSettings { Provider = LlmProvider.Ollama, Model = "qwen3:8b", Endpoint = server.Endpoint, ContextLength = 8192 };
        using var http = ChatClientFactory.CreateHttpClient(settings);

        await ChatClientFactory.Create(settings, http).GetResponseAsync("hello");

        var request = server.ChatRequests.Single();
        Assert.Equal("qwen3:8b", request.GetProperty("model").GetString());
        Assert.Equal(8192, request.GetProperty("options").GetProperty("num_ctx").GetInt32());
        Assert.Equal(TimeSpan.FromMinutes(5), http.Timeout);
    }

    [Fact]
    public async Task Create_OpenAI_SendsTheKeyAsBearerToChatCompletions()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.EnqueueChat(OpenAITurns.Text("hi"));
        var settings = new AgentSettings { Provider = LlmProvider.OpenAI, Model = "Qwen/Qwen2.5-7B-Instruct", Endpoint = server.Endpoint, ApiKey = "sk-test-key" };
        using var http = ChatClientFactory.CreateHttpClient(settings);

        var client = ChatClientFactory.Create(settings, http);
        await client.GetResponseAsync("hello");

        var request = server.ChatRequests.Single();
        Assert.Equal("Bearer sk-test-key", request.Headers["Authorization"]);
        Assert.Equal("Qwen/Qwen2.5-7B-Instruct", request.Json.GetProperty("model").GetString());
        Assert.Equal("openai-compatible", client.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Equal(JsonValueKind.Array, request.Json.GetProperty("messages").ValueKind);
    }
}
