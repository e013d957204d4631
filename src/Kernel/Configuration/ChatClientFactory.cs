using Microsoft.Extensions.AI;
using PveAgent.Kernel.Connectors;

namespace PveAgent.Kernel.Configuration;

/// <summary>Builds the <see cref="IChatClient"/> for resolved <see cref="AgentSettings"/>: our Ollama connector or the OpenAI-compatible one.</summary>
public static class ChatClientFactory
{
    /// <summary>An HttpClient for the LLM server: the settings' timeout, over <paramref name="handler"/> when given (tests), else the default handler.</summary>
    public static HttpClient CreateHttpClient(AgentSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = settings.Timeout;
        return client;
    }

    /// <summary>A chat client for <paramref name="settings"/> sending through <paramref name="httpClient"/> (which stays the caller's to dispose).</summary>
    public static IChatClient Create(AgentSettings settings, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(httpClient);
        return settings.Provider switch
        {
            LlmProvider.Ollama => new OllamaChatClient(httpClient, new OllamaChatClientOptions
            {
                Endpoint = settings.Endpoint,
                DefaultModel = settings.Model,
                ContextLength = settings.ContextLength,
            }),
            _ => new OpenAICompatibleChatClient(httpClient, new OpenAICompatibleChatClientOptions
            {
                Endpoint = settings.Endpoint,
                DefaultModel = settings.Model,
                ApiKey = settings.ApiKey,
                NetworkTimeout = settings.Timeout,
            }),
        };
    }
}
