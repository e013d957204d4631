using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// The telemetry transports of each simulated node, answering at the node's host on the node-agent port:
/// <c>/v1/telemetry/nvidia-smi</c> (CSV), <c>/v1/telemetry/nvidia-smi-xml</c> (<c>nvidia-smi -q -x</c>),
/// <c>/v1/telemetry/tt-smi</c> (<c>tt-smi -s</c> JSON) and a DCGM-exporter page on <c>/metrics</c>. Readings follow the
/// accelerators' load as the inference simulator reports it.
/// </summary>
/// <remarks>
/// An offline node refuses connections. A node without the hardware a tool needs answers 404 with the message the
/// node agent would relay (the tool is missing or finds no device).
/// </remarks>
public sealed class TelemetrySimulator : ISimulatorComponent
{
    private const string Text = "text/plain; charset=utf-8";

    private readonly IAcceleratorLoadView? _loads;
    private readonly TelemetrySimulatorOptions _options;
    private readonly byte[]? _token;
    private readonly Lock _gate = new();
    private DateTimeOffset? _seededAt;

    /// <summary>Creates the component; <paramref name="loads"/> (normally the <see cref="InferenceSimulator"/>) drives the readings, null means idle hardware.</summary>
    public TelemetrySimulator(IAcceleratorLoadView? loads, TelemetrySimulatorOptions? options = null)
    {
        _loads = loads;
        _options = options ?? new TelemetrySimulatorOptions();
        _token = _options.Token is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;
    }

    /// <summary>The state file section: <c>telemetry</c>.</summary>
    public string StateKey => "telemetry";

    /// <inheritdoc />
    public void Seed(ClusterConfig config, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            _seededAt = context.Clock.GetUtcNow();
        }
    }

    /// <inheritdoc />
    public bool LoadState(JsonNode state, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (state is not JsonObject section || section["version"]?.GetValueKind() != System.Text.Json.JsonValueKind.Number
            || section["version"]!.GetValue<int>() != 1 || section["seeded_at"] is not JsonValue seeded
            || !seeded.TryGetValue<DateTimeOffset>(out var seededAt))
        {
            return false;
        }

        lock (_gate)
        {
            _seededAt = seededAt;
        }

        return true;
    }

    /// <inheritdoc />
    public JsonNode SaveState()
    {
        lock (_gate)
        {
            return new JsonObject { ["version"] = 1, ["seeded_at"] = _seededAt ?? DateTimeOffset.UnixEpoch };
        }
    }

    /// <inheritdoc />
    public bool Answers(string host, int port, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(context);
        return FindNode(host, port, context.Config) is not null;
    }

    /// <inheritdoc />
    public Task<SimResponse> HandleAsync(SimRequest request, SimulationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var node = FindNode(request.Host, request.Port, context.Config);
        if (node is null || (context.Power is { } power && !power.IsNodeOnline(node.Name)))
        {
            return Task.FromResult(new SimResponse { Status = 503, ConnectionRefused = true });
        }

        return Task.FromResult(Answer(node, request, context));
    }

    private SimResponse Answer(NodeConfig node, SimRequest request, SimulationContext context)
    {
        if (request.Method != "GET")
        {
            return Plain(405, "method not allowed: the telemetry endpoints are read-only (GET)");
        }

        var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
        if (path == "/metrics")
        {
            var gpus = Readings(node, context, AcceleratorKind.Nvidia);
            return gpus.Count == 0
                ? Plain(404, $"no NVIDIA GPU on node {node.Name}: DCGM-exporter has nothing to export")
                : new SimResponse { Status = 200, ContentType = PrometheusText.ContentType, Body = DcgmExporterPage.Render(gpus, node.Name, context.Seed, _options) };
        }

        if (!path.StartsWith("/v1/telemetry/", StringComparison.Ordinal))
        {
            return Plain(404, "not found: the node agent serves /v1/telemetry/nvidia-smi, /v1/telemetry/nvidia-smi-xml and /v1/telemetry/tt-smi");
        }

        if (!Authorised(request))
        {
            return new SimResponse
            {
                Status = 401,
                ContentType = "application/json",
                Body = """{"error":"missing or wrong bearer token: send 'Authorization: Bearer <token>' with the node agent's token"}"""u8.ToArray(),
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["WWW-Authenticate"] = "Bearer" },
            };
        }

        var now = context.Clock.GetUtcNow();
        switch (path)
        {
            case "/v1/telemetry/nvidia-smi":
            {
                var gpus = Readings(node, context, AcceleratorKind.Nvidia);
                return gpus.Count == 0 ? NoNvidia() : Plain(200, NvidiaSmiCsv.Render(gpus, node.Name, context.Seed));
            }

            case "/v1/telemetry/nvidia-smi-xml":
            {
                var gpus = Readings(node, context, AcceleratorKind.Nvidia);
                return gpus.Count == 0
                    ? NoNvidia()
                    : new SimResponse { Status = 200, ContentType = "application/xml; charset=utf-8", Body = Encoding.UTF8.GetBytes(NvidiaSmiXml.Render(gpus, node.Name, context.Seed, now, _options)) };
            }

            case "/v1/telemetry/tt-smi":
            {
                var cards = Readings(node, context, AcceleratorKind.Tenstorrent);
                DateTimeOffset bootedAt;
                lock (_gate)
                {
                    bootedAt = (_seededAt ?? now) - TimeSpan.FromDays(3);
                }

                return cards.Count == 0
                    ? Plain(404, "No Tenstorrent driver detected! Please install driver using tt-kmd: https://github.com/tenstorrent/tt-kmd")
                    : new SimResponse { Status = 200, ContentType = "application/json", Body = TtSmiSnapshot.Render(cards, node.Name, context.Seed, now, bootedAt) };
            }

            default:
                return Plain(404, $"unknown telemetry source '{path["/v1/telemetry/".Length..]}': use nvidia-smi, nvidia-smi-xml or tt-smi");
        }
    }

    private static SimResponse NoNvidia() =>
        Plain(404, "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n");

    private static SimResponse Plain(int status, string text) =>
        new() { Status = status, ContentType = Text, Body = Encoding.UTF8.GetBytes(text.EndsWith('\n') || status == 200 ? text : text + "\n") };

    private bool Authorised(SimRequest request)
    {
        if (_token is null)
        {
            return true;
        }

        if (!request.Headers.TryGetValue("Authorization", out var header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant time, so the comparison does not leak how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), _token);
    }

    private List<DeviceReading> Readings(NodeConfig node, SimulationContext context, AcceleratorKind kind)
    {
        var loads = _loads?.GetAcceleratorLoads(node.Name, context) ?? IdleLoads(node);
        var readings = new List<DeviceReading>();
        foreach (var load in loads.Where(l => l.Config.Kind == kind))
        {
            readings.Add(DeviceReading.From(load, readings.Count));
        }

        return readings;
    }

    private static IReadOnlyList<AcceleratorLoad> IdleLoads(NodeConfig node) =>
        [
            .. new NodeHardware(node).Devices.Select(d => new AcceleratorLoad
            {
                Index = d.Index,
                Config = d.Config,
                Profile = d.Profile,
                MemoryTotalGb = d.CapacityGb,
                MemoryUsedGb = 0,
                Busy = 0,
                Loading = false,
                Processes = [],
            }),
        ];

    private NodeConfig? FindNode(string host, int port, ClusterConfig config)
    {
        foreach (var node in config.Nodes)
        {
            if (port == _options.Port && string.Equals(node.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                return node;
            }

            if (node.Telemetry.Url is { } url && url.Port == port && string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                return node;
            }
        }

        return null;
    }
}
