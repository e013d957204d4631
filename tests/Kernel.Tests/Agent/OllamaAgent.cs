using System.Text.Json;
using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>A fake Ollama with scripted model turns, an <see cref="AgentKernel"/> talking to it, and a simulated lab to plan against.</summary>
internal sealed class OllamaAgent : IAsyncDisposable
{
    private readonly HttpClient _http = Some.HttpClient();

    private OllamaAgent(FakeOllamaServer server, KernelLab lab)
    {
        Server = server;
        Lab = lab;
    }

    public FakeOllamaServer Server { get; }

    public KernelLab Lab { get; }

    /// <summary>The /api/chat requests the kernel sent, parsed.</summary>
    public IReadOnlyList<JsonElement> Requests => Server.ChatRequests;

    public static async Task<OllamaAgent> StartAsync(KernelLab? lab = null) => new(await FakeOllamaServer.StartAsync(), lab ?? new KernelLab());

    public OllamaChatClient Client() => new(_http, new OllamaChatClientOptions { Endpoint = Server.Endpoint, DefaultModel = OllamaTurns.Model });

    public AgentKernel Kernel(AgentKernelOptions? options = null) => new(Client(), KernelLab.Prompt, options: options);

    /// <summary>Queues the model's replies, in order.</summary>
    public void Turns(params string[] replies)
    {
        foreach (var reply in replies)
        {
            Server.EnqueueChat(reply);
        }
    }

    /// <summary>Plans <paramref name="intent"/> with the model answering <paramref name="replies"/>.</summary>
    public Task<PlanningResult> PlanAsync(string intent, params string[] replies)
    {
        Turns(replies);
        return Kernel().PlanAsync(intent, Lab.NewContext());
    }

    /// <summary>The messages of request <paramref name="index"/> (0-based).</summary>
    public IReadOnlyList<JsonElement> Messages(int index) => [.. Requests[index].GetProperty("messages").EnumerateArray()];

    /// <summary>The contents of the tool messages of request <paramref name="index"/>.</summary>
    public IReadOnlyList<string> ToolResults(int index) =>
        [.. Messages(index).Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("content").GetString()!)];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Lab.Dispose();
        await Server.DisposeAsync();
    }
}
