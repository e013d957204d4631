using System.Text.Json;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>Streams are paced in simulated time and let go of their request when the client does.</summary>
public sealed class ServingTests
{
    private static SimRequest LlamaCppStream(int tokens) =>
        SimWorld.Post(SomeLab.Pve3, 8080, "/v1/chat/completions", $$"""{"messages":[{"role":"user","content":"hi"}],"max_tokens":{{tokens}},"stream":true}""");

    [Fact]
    public async Task StreamedTokens_ArriveOnePerTokenTimeOfTheDecodeRate()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var start = world.Now;

        var chunks = await world.ReadStream(await world.Send(LlamaCppStream(6)));

        // pve3 has no accelerator: the 1.5B model decodes at the CPU's memory-bandwidth-bound rate.
        var perToken = 1 / PerformanceModel.DecodeTokensPerSecond(ModelCatalog.Find("qwen2.5-1.5b-instruct"), AcceleratorProfiles.Cpu);
        var tokenTimes = chunks
            .Where(c => c.Text.Contains("\"content\":\"", StringComparison.Ordinal) && !c.Text.Contains("\"finish_reason\":\"", StringComparison.Ordinal))
            .Select(c => c.At)
            .ToList();
        Assert.Equal(6, tokenTimes.Count);
        foreach (var (earlier, later) in tokenTimes.Zip(tokenTimes.Skip(1)))
        {
            Assert.InRange((later - earlier).TotalSeconds, perToken - 0.0015, perToken + 0.0015);
        }

        Assert.True(tokenTimes[0] - start >= TimeSpan.FromSeconds(perToken));
        Assert.Equal("data: [DONE]\n\n", chunks[^1].Text);
    }

    [Fact]
    public async Task AbandonedStream_IsNoLongerInFlight()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var response = await world.Send(LlamaCppStream(50));
        var enumerator = response.Stream!.GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync();
        while (!first.IsCompleted)
        {
            world.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(await first);
        Assert.Equal(1, world.Service("pve3", "llamacpp").InFlight);

        await enumerator.DisposeAsync();

        Assert.Equal(0, world.Service("pve3", "llamacpp").InFlight);
    }

    [Fact]
    public async Task CancelledStream_IsNoLongerInFlight()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        using var cancellation = new CancellationTokenSource();
        var response = await world.Send(LlamaCppStream(50));
        var enumerator = response.Stream!.WithCancellation(cancellation.Token).GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync();
        Assert.Equal(1, world.Service("pve3", "llamacpp").InFlight);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        Assert.Equal(0, world.Service("pve3", "llamacpp").InFlight);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task StreamOfAStoppedServer_EndsWithoutItsFinalChunk()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var response = await world.Send(SimWorld.Post(SomeLab.Brian, 11434, "/api/generate", """{"model":"llama3.2:3b","prompt":"hi","options":{"num_predict":400}}"""));
        var enumerator = response.Stream!.GetAsyncEnumerator();
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var move = enumerator.MoveNextAsync();
            while (!move.IsCompleted)
            {
                world.Advance(TimeSpan.FromMilliseconds(1));
            }

            Assert.True(await move);
            lines.Add(System.Text.Encoding.UTF8.GetString(enumerator.Current.Span));
        }

        world.Power.StoppedGuests.Add(202);
        var rest = enumerator.MoveNextAsync();
        while (!rest.IsCompleted)
        {
            world.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.False(await rest);
        Assert.All(lines, l => Assert.False(JsonDocument.Parse(l).RootElement.GetProperty("done").GetBoolean()));
        await enumerator.DisposeAsync();
    }
}
