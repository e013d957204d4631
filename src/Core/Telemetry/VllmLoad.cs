namespace PveAgent.Core.Telemetry;

/// <summary>How busy a vLLM server is for one served model, from its <c>/metrics</c> (null = not exposed, not zero).</summary>
public sealed record VllmLoad
{
    /// <summary>The <c>model_name</c> label (the served model name); empty when the samples carry none.</summary>
    public required string ModelName { get; init; }

    /// <summary>Requests in model execution batches (<c>vllm:num_requests_running</c>), summed over engines.</summary>
    public double? RequestsRunning { get; init; }

    /// <summary>Requests queued (<c>vllm:num_requests_waiting</c>), summed over engines.</summary>
    public double? RequestsWaiting { get; init; }

    /// <summary>KV-cache usage 0–1 (<c>vllm:kv_cache_usage_perc</c>, else the deprecated <c>vllm:gpu_cache_usage_perc</c>), averaged over engines.</summary>
    public double? KvCacheUsage { get; init; }

    /// <summary>Number of data-parallel engines seen (distinct <c>engine</c> labels; 1 when the label is absent).</summary>
    public int Engines { get; init; } = 1;
}
