namespace PveAgent.Core.Telemetry;

/// <summary>Reads llama.cpp's load gauges from a parsed <c>/metrics</c> scrape (served only with <c>--metrics</c>).</summary>
public static class LlamaCppMetrics
{
    /// <summary>Requests being processed.</summary>
    public const string RequestsProcessing = "llamacpp:requests_processing";

    /// <summary>Requests deferred.</summary>
    public const string RequestsDeferred = "llamacpp:requests_deferred";

    /// <summary>KV-cache usage ratio (removed from newer builds).</summary>
    public const string KvCacheUsageRatio = "llamacpp:kv_cache_usage_ratio";

    /// <summary>The load figures; each null when its family has no sample.</summary>
    public static LlamaCppLoad Read(PrometheusScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        return new LlamaCppLoad
        {
            RequestsProcessing = Sum(scrape.SamplesOf(RequestsProcessing)),
            RequestsDeferred = Sum(scrape.SamplesOf(RequestsDeferred)),
            KvCacheUsage = scrape.SamplesOf(KvCacheUsageRatio) is { Count: > 0 } kv ? kv.Average(s => s.Value) : null,
        };
    }

    private static double? Sum(IReadOnlyList<MetricSample> samples) => samples.Count == 0 ? null : samples.Sum(s => s.Value);
}
