using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Proxmox.Api;
using PveAgent.Simulator.Proxmox.Model;
using PveAgent.Simulator.Proxmox.Schema;

namespace PveAgent.Simulator.Proxmox;

/// <summary>
/// The simulated Proxmox VE API (<c>/api2/json/…</c>, PVE 9.1 wire format) on the configured Proxmox host and on every node
/// host, seeded from the registry; it also tells other components which guests and nodes are up.
/// </summary>
public sealed class ProxmoxApiSimulator : ISimulatorComponent, IGuestPowerView, Inference.IGuestUptimeView
{
    /// <summary>Token id accepted when the registry has no <c>proxmox:</c> block.</summary>
    public const string DefaultTokenId = "pveagent@pve!pveagent";

    private const string JsonContentType = "application/json;charset=UTF-8";
    private const int MaxBodyBytes = 512 * 1024;

    private readonly Lock _gate = new();
    private readonly PveAgentSimulatorOptions _options;
    private SimulatedCluster? _cluster;
    private SimulationContext? _context;

    /// <summary>Creates the component; <paramref name="options"/> supplies the accepted token secret.</summary>
    public ProxmoxApiSimulator(PveAgentSimulatorOptions? options = null)
    {
        _options = options ?? new PveAgentSimulatorOptions();
    }

    /// <inheritdoc />
    public string StateKey => "proxmox";

    /// <summary>Host the API answers on (besides the node hosts): <c>cluster.proxmox.host</c>, or <c>pve.sim</c>.</summary>
    public string ApiHost => ApiAddressFor(AttachedContext.Config).Host;

    /// <summary>Port the API answers on (8006 unless the registry says otherwise).</summary>
    public int ApiPort => ApiAddressFor(AttachedContext.Config).Port;

    /// <summary>The token id the API accepts (<c>user@realm!token</c> from the registry, or <see cref="DefaultTokenId"/>).</summary>
    public string TokenId { get; private set; } = DefaultTokenId;

    /// <summary>Fingerprint of the certificate a real listener serves the API with; reported as every node's <c>ssl_fingerprint</c>.</summary>
    internal string? ServedCertificateFingerprint { get; set; }

    internal SimulatedCluster Cluster => _cluster ?? throw new InvalidOperationException("The Proxmox simulator has not been seeded or loaded yet.");

    /// <summary>The expected token id for a registry.</summary>
    public static string TokenIdFor(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Proxmox is { } proxmox ? $"{proxmox.User}!{proxmox.TokenName}" : DefaultTokenId;
    }

    /// <inheritdoc />
    public void Seed(ClusterConfig config, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            _cluster = new SimulatedCluster(WorldSeeder.Seed(config, context.Seed, context.Clock.GetUtcNow()), context.Seed);
            Attach(config, context);
        }
    }

    /// <inheritdoc />
    public bool LoadState(JsonNode state, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ProxmoxWorld? world;
        try
        {
            world = state.Deserialize(ProxmoxStateJsonContext.Default.ProxmoxWorld);
        }
        catch (JsonException)
        {
            return false;
        }

        if (world is null || world.Nodes.Count != context.Config.Nodes.Count)
        {
            return false;
        }

        lock (_gate)
        {
            _cluster = new SimulatedCluster(world, context.Seed);
            Attach(context.Config, context);
        }

        return true;
    }

    /// <inheritdoc />
    public JsonNode SaveState()
    {
        lock (_gate)
        {
            return JsonSerializer.SerializeToNode(Cluster.World, ProxmoxStateJsonContext.Default.ProxmoxWorld)!;
        }
    }

    /// <inheritdoc />
    public bool Answers(string host, int port, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config;
        var (apiHost, apiPort) = ApiAddressFor(config);
        return port == apiPort
            && (string.Equals(host, apiHost, StringComparison.OrdinalIgnoreCase)
                || config.Nodes.Any(n => string.Equals(n.Host, host, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Host and port the API answers on for a registry: <c>cluster.proxmox</c>, or <c>pve.sim:8006</c> without one.</summary>
    public static (string Host, int Port) ApiAddressFor(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ((config.Proxmox?.Host ?? WorldSeeder.DefaultApiHost).ToLowerInvariant(), config.Proxmox?.Port ?? 8006);
    }

    /// <inheritdoc />
    public async Task<SimResponse> HandleAsync(SimRequest request, SimulationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var response = Handle(request, context.Clock.GetUtcNow());
        if (response.Status == 401 && _options.EmulateAuthFailureDelay)
        {
            // pve-http-server delays every unauthorized answer by 3 s; off by default so tests and the CLI stay fast.
            await Task.Delay(TimeSpan.FromSeconds(3), context.Clock, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Puts a node to sleep (its guests stop, as on power-off) or boots it at once (onboot guests start).</summary>
    public void SetNodeOnline(string node, bool online)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            var now = Now();
            Cluster.Catchup(now);
            var target = Cluster.World.FindNode(node) ?? throw new ArgumentException($"No node '{node}' in the simulated cluster.", nameof(node));
            Cluster.SetNodeOnline(target, online, now);
        }
    }

    /// <inheritdoc />
    public bool IsGuestRunning(int vmId)
    {
        lock (_gate)
        {
            Cluster.Catchup(Now());
            return Cluster.World.FindGuest(vmId) is { } guest && Cluster.IsRunning(guest) && !guest.Paused;
        }
    }

    /// <inheritdoc />
    public bool IsNodeOnline(string node)
    {
        lock (_gate)
        {
            Cluster.Catchup(Now());
            return Cluster.World.Nodes.FirstOrDefault(n => string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase)) is { Online: true };
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? GuestRunningSince(int vmId)
    {
        lock (_gate)
        {
            Cluster.Catchup(Now());
            return Cluster.World.FindGuest(vmId) is { } guest && Cluster.IsRunning(guest) && !guest.Paused ? guest.StartedAt : null;
        }
    }

    /// <inheritdoc />
    public string? NodeOfGuest(int vmId)
    {
        lock (_gate)
        {
            Cluster.Catchup(Now());
            return Cluster.World.FindGuest(vmId)?.Node;
        }
    }

    private void Attach(ClusterConfig config, SimulationContext context)
    {
        _context = context;
        TokenId = TokenIdFor(config);
        context.Power = this;
    }

    private SimulationContext AttachedContext => _context ?? throw new InvalidOperationException("The Proxmox simulator has not been seeded or loaded yet.");

    private DateTimeOffset Now() => AttachedContext.Clock.GetUtcNow();

    private SimResponse Handle(SimRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            var cluster = Cluster;
            cluster.Catchup(now);
            var local = ResolveLocalNode(request.Host);
            if (local is null)
            {
                return new SimResponse { Status = 0, ConnectionRefused = true };
            }

            const string prefix = "/api2/json";
            var path = request.Path;
            if (!path.StartsWith(prefix + "/", StringComparison.Ordinal) && path != prefix)
            {
                return Error(new PveApiException(501, $"Method '{request.Method} {path}' not implemented"));
            }

            if (Authenticate(request) is { } authFailure)
            {
                return new SimResponse { Status = 401, ReasonPhrase = authFailure, ContentType = "" };
            }

            try
            {
                var result = Dispatch(request, path[prefix.Length..], local, cluster, now);
                var body = new JsonObject { ["data"] = result.Data };
                if (result.Total is { } total)
                {
                    body["total"] = total;
                }

                return Ok(body);
            }
            catch (PveApiException error)
            {
                return Error(error);
            }
        }
    }

    private ApiResult Dispatch(SimRequest request, string apiPath, SimNode local, SimulatedCluster cluster, DateTimeOffset now)
    {
        var method = request.Method.ToUpperInvariant();
        var hasBody = !request.Body.IsEmpty;
        if (hasBody && method is "GET" or "DELETE")
        {
            throw new PveApiException(501, $"Unexpected content for method '{method}'");
        }

        if (request.Body.Length > MaxBodyBytes)
        {
            throw new PveApiException(501, "for data too large");
        }

        var parameters = ReadParameters(request, hasBody);
        var (endpoint, pathParameters) = ApiRoute.Match(method, apiPath.TrimEnd('/'));
        if (endpoint is null)
        {
            throw new PveApiException(501, $"Method '{method} {apiPath}' not implemented");
        }

        foreach (var (name, value) in pathParameters)
        {
            if (parameters.TryGetValue(name, out var given) && given.Text != value)
            {
                throw PveApiException.Parameter(name, "duplicate parameter (already defined in URI) with conflicting values!");
            }

            parameters[name] = new ParameterValue(value);
        }

        var errors = ParameterValidator.Validate(endpoint, parameters);
        if (errors.Count > 0)
        {
            throw new PveApiException(400, "Parameter verification failed.", errors);
        }

        if (endpoint.ProxyToNode && parameters.TryGetValue("node", out var nodeName))
        {
            var node = cluster.World.FindNode(nodeName.Text)
                ?? throw PveApiException.Fail($"hostname lookup '{nodeName.Text}' failed - failed to get address info for: {nodeName.Text}: Name or service not known");
            if (!node.Online)
            {
                // pveproxy cannot reach the node: AnyEvent::HTTP's pseudo status with an empty body.
                throw new PveApiException(595, "No route to host");
            }
        }

        var call = new ApiCall
        {
            Cluster = cluster,
            Now = now,
            TokenId = TokenId,
            LocalNode = local,
            Parameters = parameters,
            Endpoint = endpoint,
        };
        var result = ProxmoxApi.Handlers[endpoint.Key](call);
        if (ServedCertificateFingerprint is { } fingerprint && endpoint.Key == "GET /nodes" && result.Data is JsonArray nodes)
        {
            foreach (var entry in nodes.OfType<JsonObject>())
            {
                entry["ssl_fingerprint"] = fingerprint;
            }
        }

        return result;
    }

    // Query parameters count for every method; a POST/PUT body adds to them.
    private static Dictionary<string, ParameterValue> ReadParameters(SimRequest request, bool hasBody)
    {
        var parameters = RequestParameters.FromUrlEncoded(request.Query);
        if (!hasBody)
        {
            return parameters;
        }

        var contentType = request.ContentType ?? "application/x-www-form-urlencoded";
        Dictionary<string, ParameterValue> body;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            body = RequestParameters.FromJson(request.Body.Span) ?? throw new PveApiException(400, "malformed JSON body");
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            body = RequestParameters.FromUrlEncoded(RequestParameters.Utf8(request.Body));
        }
        else
        {
            throw new PveApiException(506, $"unsupported content type '{contentType}'");
        }

        foreach (var (name, value) in body)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    /// <summary>Null when the token is valid, otherwise the 401 reason phrase.</summary>
    private string? Authenticate(SimRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header) || string.IsNullOrWhiteSpace(header))
        {
            return "No ticket";
        }

        string value;
        if (header.StartsWith("PVEAPIToken=", StringComparison.Ordinal) || header.StartsWith("PVEAPIToken ", StringComparison.Ordinal))
        {
            value = header["PVEAPIToken=".Length..];
        }
        else
        {
            return "No ticket";
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        value = Uri.UnescapeDataString(value.Trim());

        // PVE splits at the last '=' (acl:AccessControl.pm verify_token): the token id may not contain one, the secret may.
        var equals = value.LastIndexOf('=');
        if (equals <= 0)
        {
            return "Authentication failed!";
        }

        var tokenId = value[..equals];
        var secret = value[(equals + 1)..];
        var idOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(tokenId), Encoding.UTF8.GetBytes(TokenId));
        var secretOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_options.TokenSecret));
        return idOk && secretOk ? null : "Authentication failed!";
    }

    private SimNode? ResolveLocalNode(string host)
    {
        var world = Cluster.World;
        var node = world.Nodes.FirstOrDefault(n => string.Equals(n.Host, host, StringComparison.OrdinalIgnoreCase));
        if (node is not null)
        {
            return node.Online ? node : null;
        }

        return string.Equals(host, world.ApiHost, StringComparison.OrdinalIgnoreCase) ? world.Nodes.FirstOrDefault(n => n.Online) : null;
    }

    private static SimResponse Ok(JsonObject body) => new()
    {
        Status = 200,
        ReasonPhrase = "OK",
        ContentType = JsonContentType,
        Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
    };

    private static SimResponse Error(PveApiException error)
    {
        // The reason phrase is the message's first line (a CR/LF there would break the status line).
        var reason = error.Message.Split('\n')[0].Replace("\r", "", StringComparison.Ordinal);
        if (error.Status == 595)
        {
            return new SimResponse { Status = 595, ReasonPhrase = reason, ContentType = "" };
        }

        var body = new JsonObject { ["data"] = null };
        if (error.Errors is { } errors)
        {
            var map = new JsonObject();
            foreach (var (name, message) in errors)
            {
                map[name] = message;
            }

            body["errors"] = map;
        }

        body["message"] = error.Message.EndsWith('\n') ? error.Message : error.Message + "\n";
        return new SimResponse
        {
            Status = error.Status,
            ReasonPhrase = reason,
            ContentType = JsonContentType,
            Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
        };
    }
}
