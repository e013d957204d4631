namespace PveAgent.Core.Telemetry;

/// <summary>How busy a llama.cpp server is, from its <c>/metrics</c> (null = not exposed).</summary>
public sealed record LlamaCppLoad
{
    /// <summary>Requests being processed (<c>llamacpp:requests_processing</c>).</summary>
    public double? RequestsProcessing { get; init; }

    /// <summary>Requests deferred for lack of a free slot (<c>llamacpp:requests_deferred</c>).</summary>
    public double? RequestsDeferred { get; init; }

    /// <summary>KV-cache usage 0–1 (<c>llamacpp:kv_cache_usage_ratio</c>, older builds only).</summary>
    public double? KvCacheUsage { get; init; }
}
