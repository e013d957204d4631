using System.Text.Json;
using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>A fake OpenAI-compatible server (vLLM / llama.cpp shapes) with scripted model turns, an <see cref="AgentKernel"/> on it, and a simulated lab.</summary>
internal sealed class OpenAIAgent : IAsyncDisposable
{
    private readonly HttpClient _http = Some.HttpClient();

    private OpenAIAgent(FakeOpenAIServer server, KernelLab lab)
    {
        Server = server;
        Lab = lab;
    }

    public FakeOpenAIServer Server { get; }

    public KernelLab Lab { get; }

    /// <summary>The chat-completion requests the kernel sent, parsed.</summary>
    public IReadOnlyList<JsonElement> Requests => [.. Server.ChatRequests.Select(r => r.Json)];

    public static async Task<OpenAIAgent> StartAsync(KernelLab? lab = null) => new(await FakeOpenAIServer.StartAsync(), lab ?? new KernelLab());

    public AgentKernel Kernel(AgentKernelOptions? options = null) =>
        new(new OpenAICompatibleChatClient(_http, new OpenAICompatibleChatClientOptions { Endpoint = Server.Endpoint, DefaultModel = OpenAITurns.Model }), KernelLab.Prompt, options: options);

    /// <summary>Queues whole-JSON completions, in order.</summary>
    public void Turns(params string[] completions)
    {
        foreach (var completion in completions)
        {
            Server.EnqueueChat(completion);
        }
    }

    /// <summary>Queues one streamed completion (SSE payloads, then <c>[DONE]</c>).</summary>
    public void StreamedTurn(params string[] payloads) => Server.EnqueueChatStream(payloads);

    public Task<PlanningResult> PlanAsync(string intent, bool streaming = false) =>
        Kernel(new AgentKernelOptions { Streaming = streaming }).PlanAsync(intent, Lab.NewContext());

    /// <summary>The messages of request <paramref name="index"/> (0-based).</summary>
    public IReadOnlyList<JsonElement> Messages(int index) => [.. Requests[index].GetProperty("messages").EnumerateArray()];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Lab.Dispose();
        await Server.DisposeAsync();
    }
}
