namespace PveAgent.Core.Telemetry;

/// <summary>A model resident ("warm") in an inference server, as a probe found it.</summary>
public sealed record ProbedModel
{
    /// <summary>Model name as the server reports it.</summary>
    public required string Name { get; init; }

    /// <summary>Size in bytes, when reported.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Bytes in accelerator memory, when reported (Ollama <c>size_vram</c>).</summary>
    public long? VramBytes { get; init; }

    /// <summary>When the server will unload it, when reported (Ollama <c>expires_at</c>).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Context length it serves, when reported.</summary>
    public int? ContextLength { get; init; }
}
