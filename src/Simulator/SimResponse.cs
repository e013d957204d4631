namespace PveAgent.Simulator;

/// <summary>An HTTP response produced by the simulator.</summary>
public sealed record SimResponse
{
    /// <summary>HTTP status code (PVE also uses 595/596 pseudo codes).</summary>
    public required int Status { get; init; }

    /// <summary>Reason phrase; PVE puts its error message here.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>Content type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json;charset=UTF-8";

    /// <summary>Response body (may be empty).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>For streaming endpoints (NDJSON, SSE): chunks written in order, each after its delay of simulated time.</summary>
    public IAsyncEnumerable<ReadOnlyMemory<byte>>? Stream { get; init; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the simulator refuses the TCP connection instead of answering (service down, node off).</summary>
    public bool ConnectionRefused { get; init; }
}
