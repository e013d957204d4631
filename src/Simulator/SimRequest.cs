namespace PveAgent.Simulator;

/// <summary>An HTTP request as the simulator sees it, independent of the transport (in-process handler or Kestrel).</summary>
public sealed record SimRequest
{
    /// <summary>HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>Host the request was addressed to (node host or Proxmox host), lower case, without port.</summary>
    public required string Host { get; init; }

    /// <summary>Port the request was addressed to.</summary>
    public required int Port { get; init; }

    /// <summary>Path without query string, URL-decoded per segment is up to the handler (raw here).</summary>
    public required string Path { get; init; }

    /// <summary>Raw query string without the leading <c>?</c> (may be empty).</summary>
    public string Query { get; init; } = "";

    /// <summary>Request headers (case-insensitive names; multiple values joined with <c>,</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Content type of the body, when there is one.</summary>
    public string? ContentType { get; init; }

    /// <summary>Body bytes (empty when none).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}
