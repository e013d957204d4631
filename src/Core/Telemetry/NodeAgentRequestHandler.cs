using System.Security.Cryptography;
using System.Text;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// The node agent's server logic, independent of the HTTP host: checks the bearer token (constant time), runs the local
/// tool for the requested path and maps its outcome to a status, content type and body (see <see cref="NodeAgentProtocol"/>).
/// </summary>
public sealed class NodeAgentRequestHandler
{
    private readonly IProcessRunner _runner;
    private readonly NodeAgentOptions _options;
    private readonly byte[] _tokenHash;

    /// <summary>Creates the handler; the token is kept only as a hash.</summary>
    public NodeAgentRequestHandler(IProcessRunner runner, NodeAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options;
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Token));
    }

    /// <summary>Handles one request.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Request path, optionally with a query string.</param>
    /// <param name="authorization">The <c>Authorization</c> header value, or null.</param>
    /// <param name="cancellationToken">Cancels the tool run (the client went away).</param>
    public async Task<NodeAgentResponse> HandleAsync(string method, string path, string? authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var route = NormalizePath(path);

        if (route == NodeAgentProtocol.HealthPath && IsGet(method))
        {
            return Text(200, "ok");
        }

        // Authenticate before routing so an unauthenticated caller learns nothing about the paths.
        if (!IsAuthorized(authorization))
        {
            return Text(401, authorization is null
                ? "Missing bearer token: send Authorization: Bearer <token>."
                : "Invalid bearer token.");
        }

        if (!IsGet(method))
        {
            return Text(405, "Only GET is supported.");
        }

        return route switch
        {
            NodeAgentProtocol.NvidiaSmiPath => await RunAsync(
                _options.NvidiaSmiExecutable, NvidiaSmiCsvParser.GpuQueryArguments, NodeAgentProtocol.CsvContentType, cancellationToken).ConfigureAwait(false),
            NodeAgentProtocol.TtSmiPath => await RunAsync(
                _options.TtSmiExecutable, TtSmiSnapshotParser.Arguments, NodeAgentProtocol.JsonContentType, cancellationToken).ConfigureAwait(false),
            _ => Text(404, $"Unknown path {route}: the agent serves {NodeAgentProtocol.NvidiaSmiPath} and {NodeAgentProtocol.TtSmiPath}."),
        };
    }

    private async Task<NodeAgentResponse> RunAsync(string tool, IReadOnlyList<string> arguments, string contentType, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(
            new ProcessRequest { FileName = tool, Arguments = arguments, Timeout = _options.ToolTimeout },
            cancellationToken).ConfigureAwait(false);

        if (!result.Started || result.ExitCode == 127)
        {
            return Text(NodeAgentProtocol.ToolMissingStatus, $"{tool} is not installed on this node (or not on the agent's PATH).");
        }

        if (result.TimedOut)
        {
            return Text(NodeAgentProtocol.ToolTimeoutStatus, $"{tool} did not finish within {_options.ToolTimeout.TotalSeconds:0.#} s.");
        }

        return result.ExitCode == 0
            ? new NodeAgentResponse(200, contentType, result.StandardOutput)
            : Text(NodeAgentProtocol.ToolFailedStatus, result.CombinedOutput);
    }

    private bool IsAuthorized(string? authorization)
    {
        var scheme = NodeAgentProtocol.AuthorizationScheme + " ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Comparing fixed-size hashes keeps the comparison constant-time and hides the token's length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
    }

    private static string NormalizePath(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        var route = query < 0 ? path : path[..query];
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }

    private static bool IsGet(string method) => string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);

    private static NodeAgentResponse Text(int status, string body) => new(status, NodeAgentProtocol.TextContentType, body);
}
