namespace PveAgent.Core.Telemetry;

/// <summary>A model known to a llama.cpp server in router mode.</summary>
public sealed record LlamaCppRouterModel
{
    /// <summary>Model id, e.g. <c>ggml-org/gemma-3-4b-it-GGUF:Q4_K_M</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Path of the cached file, when reported.</summary>
    public string? Path { get; init; }

    /// <summary>Lifecycle state.</summary>
    public LlamaCppModelStatus Status { get; init; }

    /// <summary><c>status.value</c> as sent (useful when <see cref="Status"/> is <see cref="LlamaCppModelStatus.Unknown"/>).</summary>
    public string? RawStatus { get; init; }

    /// <summary>True when the model's server process crashed (<c>status.failed</c>).</summary>
    public bool Failed { get; init; }

    /// <summary>Exit code of the crashed process.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Download progress 0–1 while <see cref="LlamaCppModelStatus.Downloading"/>.</summary>
    public double? DownloadProgress { get; init; }

    /// <summary>True when the model is in memory and serving.</summary>
    public bool IsWarm => Status == LlamaCppModelStatus.Loaded;
}
