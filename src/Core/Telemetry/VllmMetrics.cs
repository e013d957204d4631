namespace PveAgent.Core.Telemetry;

/// <summary>Reads vLLM's routing gauges from a parsed <c>/metrics</c> scrape.</summary>
public static class VllmMetrics
{
    /// <summary>Requests in model execution batches.</summary>
    public const string RequestsRunning = "vllm:num_requests_running";

    /// <summary>Requests waiting to be scheduled.</summary>
    public const string RequestsWaiting = "vllm:num_requests_waiting";

    /// <summary>KV-cache usage, 0–1 (vLLM ≥ 0.9).</summary>
    public const string KvCacheUsage = "vllm:kv_cache_usage_perc";

    /// <summary>The pre-0.9 name of <see cref="KvCacheUsage"/>, deprecated and later removed; read as a fallback.</summary>
    public const string DeprecatedGpuCacheUsage = "vllm:gpu_cache_usage_perc";

    /// <summary>
    /// One <see cref="VllmLoad"/> per <c>model_name</c> that has at least one routing sample; empty when the families are
    /// absent or declared without samples (metrics disabled), which callers must treat as unknown, not idle.
    /// </summary>
    public static IReadOnlyList<VllmLoad> Read(PrometheusScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var running = scrape.SamplesOf(RequestsRunning);
        var waiting = scrape.SamplesOf(RequestsWaiting);
        var kv = scrape.SamplesOf(KvCacheUsage);
        if (kv.Count == 0)
        {
            kv = scrape.SamplesOf(DeprecatedGpuCacheUsage);
        }

        var models = running.Concat(waiting).Concat(kv)
            .Select(ModelOf)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return models
            .Select(model => new VllmLoad
            {
                ModelName = model,
                RequestsRunning = Sum(running, model),
                RequestsWaiting = Sum(waiting, model),
                KvCacheUsage = Average(kv, model),
                Engines = Math.Max(1, running.Concat(waiting).Concat(kv)
                    .Where(s => ModelOf(s) == model)
                    .Select(s => s.Label("engine"))
                    .Where(e => e is not null)
                    .Distinct(StringComparer.Ordinal)
                    .Count()),
            })
            .ToArray();
    }

    private static string ModelOf(MetricSample sample) => sample.Label("model_name") ?? string.Empty;

    private static double? Sum(IReadOnlyList<MetricSample> samples, string model)
    {
        var values = samples.Where(s => ModelOf(s) == model && !double.IsNaN(s.Value)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    // Usage is a fraction per engine; the mean is the share of the server's total KV cache in use (engines are equal-sized).
    private static double? Average(IReadOnlyList<MetricSample> samples, string model)
    {
        var values = samples.Where(s => ModelOf(s) == model && !double.IsNaN(s.Value)).Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
