using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Tests;

/// <summary>A stand-in inference component: answers one host:port, counts requests in its state, can stream chunks on the simulated clock.</summary>
internal sealed class FakeComponent(string host, int port, string stateKey = "fake") : ISimulatorComponent
{
    public int Requests { get; private set; }

    public bool RefuseWhenGuestStopped { get; init; }

    public int Guest { get; init; }

    public string StateKey => stateKey;

    public void Seed(ClusterConfig config, SimulationContext context) => Requests = 0;

    public bool LoadState(JsonNode state, SimulationContext context)
    {
        if (state["requests"] is not { } requests)
        {
            return false;
        }

        Requests = requests.GetValue<int>();
        return true;
    }

    public JsonNode SaveState() => new JsonObject { ["requests"] = Requests };

    public bool Answers(string requestHost, int requestPort, SimulationContext context) => requestHost == host && requestPort == port;

    public Task<SimResponse> HandleAsync(SimRequest request, SimulationContext context, CancellationToken cancellationToken = default)
    {
        Requests++;
        if (RefuseWhenGuestStopped && context.Power?.IsGuestRunning(Guest) != true)
        {
            return Task.FromResult(new SimResponse { Status = 0, ConnectionRefused = true });
        }

        if (request.Path == "/stream")
        {
            return Task.FromResult(new SimResponse
            {
                Status = 200,
                ContentType = "application/x-ndjson",
                Stream = Chunks(context.Clock, cancellationToken),
            });
        }

        return Task.FromResult(new SimResponse
        {
            Status = 200,
            ReasonPhrase = "OK",
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["X-Fake"] = "yes" },
            Body = Encoding.UTF8.GetBytes($$"""{"path":"{{request.Path}}","query":"{{request.Query}}","requests":{{Requests}}}"""),
        });
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return Encoding.UTF8.GetBytes("{\"n\":1}\n");
        await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
        yield return Encoding.UTF8.GetBytes("{\"n\":2}\n");
    }
}
