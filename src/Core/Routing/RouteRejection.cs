namespace PveAgent.Core.Routing;

/// <summary>A node (or one service on it) that was excluded by a hard constraint, and why.</summary>
/// <remarks>
/// A class rather than a record because the reason is written only when read: a decision over thousands of nodes
/// rejects most of them, and formatting every reason would cost more than the decision.
/// </remarks>
public sealed class RouteRejection
{
    private readonly Func<string>? _format;
    private string? _reason;

    /// <summary>A rejection with its reason.</summary>
    public RouteRejection(string node, string? service, string reason)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(reason);
        Node = node;
        Service = service;
        _reason = reason;
    }

    internal RouteRejection(string node, string? service, Func<string> format)
    {
        Node = node;
        Service = service;
        _format = format;
    }

    /// <summary>Node name.</summary>
    public string Node { get; }

    /// <summary>Service name, when the exclusion concerns one service rather than the whole node.</summary>
    public string? Service { get; }

    /// <summary>What was wrong, in words a person can act on.</summary>
    public string Reason => _reason ??= _format!();

    /// <inheritdoc />
    public override string ToString() => Service is null ? $"{Node}: {Reason}" : $"{Node}/{Service}: {Reason}";
}
