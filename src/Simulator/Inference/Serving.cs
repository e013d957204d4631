using System.Runtime.CompilerServices;

namespace PveAgent.Simulator.Inference;

/// <summary>The chunks of one streamed response: what comes before the first token, each token, and the end.</summary>
internal sealed class StreamShape
{
    /// <summary>Chunks sent when prompt processing ends (e.g. vLLM's role-only delta).</summary>
    public Func<IEnumerable<byte[]>> Prologue { get; init; } = () => [];

    /// <summary>Chunk carrying token <c>index</c>, emitted at the given clock time.</summary>
    public required Func<string, int, DateTimeOffset, byte[]> Token { get; init; }

    /// <summary>Chunks after the last token (final metrics, <c>[DONE]</c>).</summary>
    public required Func<DateTimeOffset, IEnumerable<byte[]>> Epilogue { get; init; }
}

/// <summary>Makes responses take their simulated time: one wait for a whole body, or token-paced chunks for a stream.</summary>
internal static class Serving
{
    /// <summary>Waits until the clock reads <paramref name="at"/> (never less: the wait is re-armed if a timer fires early).</summary>
    public static async Task DelayUntilAsync(TimeProvider clock, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Absolute deadlines: late timers (a coarse system clock) do not add up over hundreds of tokens.
        for (var remaining = at - clock.GetUtcNow(); remaining > TimeSpan.Zero; remaining = at - clock.GetUtcNow())
        {
            // Task.Delay counts whole milliseconds (truncating): round up so a wait never ends early.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), clock, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Waits until the request is done; false when its server stopped meanwhile (the connection is lost).</summary>
    public static async Task<bool> CompleteAsync(InferenceWorld world, Admission admission, SimulationContext context, CancellationToken cancellationToken)
    {
        try
        {
            await DelayUntilAsync(context.Clock, admission.EndsAt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            world.Abort(admission, context);
            throw;
        }

        return world.StillServing(admission, context);
    }

    /// <summary>
    /// Emits the stream: the prologue when prompt processing ends, one chunk per token at its time, then the epilogue.
    /// Cancelling (either token) or abandoning the enumeration drops the request from the in-flight set; if the server
    /// stops meanwhile the stream just ends, without its final chunk, as a reset connection would leave it.
    /// </summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamAsync(
        InferenceWorld world,
        Admission admission,
        SimulationContext context,
        IReadOnlyList<string> tokens,
        StreamShape shape,
        CancellationToken requestCancellation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestCancellation, cancellationToken);
        var token = linked.Token;
        var clock = context.Clock;
        var settled = false;
        try
        {
            await DelayUntilAsync(clock, admission.DecodeStartsAt, token).ConfigureAwait(false);
            if (!world.StillServing(admission, context))
            {
                settled = true;
                yield break;
            }

            foreach (var chunk in shape.Prologue())
            {
                yield return chunk;
            }

            for (var i = 0; i < tokens.Count; i++)
            {
                await DelayUntilAsync(clock, admission.TokenAt(i), token).ConfigureAwait(false);
                if (!world.StillServing(admission, context))
                {
                    settled = true;
                    yield break;
                }

                yield return shape.Token(tokens[i], i, clock.GetUtcNow());
            }

            foreach (var chunk in shape.Epilogue(clock.GetUtcNow()))
            {
                yield return chunk;
            }

            settled = true;
        }
        finally
        {
            if (!settled)
            {
                world.Abort(admission, context);
            }
        }
    }

    /// <summary>Rough token count of text (≈ 4 characters per token), at least 1.</summary>
    public static int EstimateTokens(string text) => Math.Max(1, (text.Length + 3) / 4);

    /// <summary>Seed for generated output: the simulation seed, the model and the prompt.</summary>
    public static ulong OutputSeed(SimulationContext context, string model, string prompt) => StableHash.Of(context.Seed, model, prompt);

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
