namespace PveAgent.Simulator.Inference;

/// <summary>Settings of the simulated inference servers.</summary>
public sealed class InferenceSimulatorOptions
{
    /// <summary>
    /// Clock time per second of simulated work, in (0, 100]; default 0.1, so a 5 s generation answers after 0.5 s and the
    /// CLI stays snappy on the system clock. Loading, prompt processing and token generation are scaled; response
    /// metrics (Ollama's <c>*_duration</c>, llama.cpp's <c>timings</c>) report the unscaled figures, and keep-alive
    /// timeouts, which a person sets, are not scaled. Tests use 1 with a manual clock.
    /// </summary>
    public double TimeScale
    {
        get;
        init
        {
            if (!(value > 0 && value <= 100))
            {
                throw new ArgumentOutOfRangeException(nameof(TimeScale), value, "TimeScale must be greater than 0 and at most 100 (1 = real speed, 0.1 = ten times faster).");
            }

            field = value;
        }
    } = 0.1;

    /// <summary>Tokens generated when a request sets no <c>max_tokens</c>/<c>num_predict</c> (default 120, 1–100000).</summary>
    public int DefaultMaxTokens
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100_000);
            field = value;
        }
    } = 120;

    /// <summary>How long Ollama keeps an idle model loaded when a request names no <c>keep_alive</c> (default 5 minutes, Ollama's own default).</summary>
    public TimeSpan OllamaKeepAlive
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    /// <summary>Version Ollama's <c>/api/version</c> reports (default <c>0.12.6</c>).</summary>
    public string OllamaVersion { get; init; } = "0.12.6";

    /// <summary>Version vLLM's <c>/version</c> reports (default <c>0.10.1</c>).</summary>
    public string VllmVersion { get; init; } = "0.10.1";
}
