using System.Text;
using System.Text.Json;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Inference;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>An inference simulator on a manual clock with a fake power view, and helpers to talk to it.</summary>
internal sealed class SimWorld
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    private SimWorld(ClusterConfig config, InferenceSimulatorOptions? options, ManualTimeProvider? clock, FakePower? power)
    {
        Clock = clock ?? new ManualTimeProvider();
        Power = power ?? new FakePower();
        Context = new SimulationContext(config, Clock, 7) { Power = Power };
        Inference = new InferenceSimulator(options ?? new InferenceSimulatorOptions { TimeScale = 1 });
    }

    public ManualTimeProvider Clock { get; }

    public FakePower Power { get; }

    public SimulationContext Context { get; }

    public InferenceSimulator Inference { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>A seeded world (time scale 1 unless options say otherwise).</summary>
    public static SimWorld Seeded(ClusterConfig config, InferenceSimulatorOptions? options = null, FakePower? power = null)
    {
        var world = new SimWorld(config, options, null, power);
        world.Inference.Seed(config, world.Context);
        return world;
    }

    /// <summary>A second component on the same clock and power view, for persistence tests.</summary>
    public SimWorld Fresh() => new(Context.Config, null, Clock, Power);

    public static SimRequest Get(string host, int port, string path) =>
        new() { Method = "GET", Host = host, Port = port, Path = path };

    public static SimRequest Post(string host, int port, string path, string json) =>
        new() { Method = "POST", Host = host, Port = port, Path = path, ContentType = "application/json", Body = Encoding.UTF8.GetBytes(json) };

    public Task<SimResponse> Send(SimRequest request, CancellationToken cancellationToken = default) =>
        Inference.HandleAsync(request, Context, cancellationToken);

    /// <summary>Sends a request and moves the clock in 1 ms steps until the answer is there.</summary>
    public async Task<SimResponse> Run(SimRequest request) => (await Timed(request)).Response;

    /// <summary>Sends a request and returns the answer with the simulated time it took (1 ms resolution).</summary>
    public async Task<(SimResponse Response, TimeSpan Elapsed)> Timed(SimRequest request)
    {
        var start = Now;
        var task = Send(request);
        await Drive(task);
        return (await task, Now - start);
    }

    /// <summary>
    /// Moves the clock with no synchronization context on the thread, so the simulator's <c>ConfigureAwait(false)</c>
    /// continuations run inside the advance (under xunit's context they would be queued to the thread pool and the
    /// clock would race ahead of them): when this returns, the simulation has run up to its next wait.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Clock.Advance(by);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Advances the clock until <paramref name="task"/> completes (bounded, so a hung request fails the test).</summary>
    public async Task Drive(Task task)
    {
        for (var i = 0; i < 3_600_000 && !task.IsCompleted; i++)
        {
            Advance(Step);
        }

        Assert.True(task.IsCompleted, "The request did not complete within an hour of simulated time.");
        await task;
    }

    /// <summary>Reads a whole streamed body, recording the simulated time each chunk arrived at.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, string Text)>> ReadStream(SimResponse response)
    {
        Assert.NotNull(response.Stream);
        var chunks = new List<(DateTimeOffset, string)>();
        await using var enumerator = response.Stream!.GetAsyncEnumerator();
        while (true)
        {
            var move = enumerator.MoveNextAsync();
            for (var i = 0; i < 3_600_000 && !move.IsCompleted; i++)
            {
                Advance(Step);
            }

            Assert.True(move.IsCompleted, "The stream stalled for an hour of simulated time.");
            if (!await move)
            {
                return chunks;
            }

            chunks.Add((Now, Encoding.UTF8.GetString(enumerator.Current.Span)));
        }
    }

    public InferenceServiceStatus Service(string node, string service) =>
        Inference.GetServices(Context).Single(s => s.Node == node && s.Service == service);

    public static JsonElement Json(SimResponse response)
    {
        Assert.False(response.ConnectionRefused, "The connection was refused.");
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    public static string Text(SimResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
