using System.Text.Json;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// The simulated inference servers of cluster.yaml (Ollama, vLLM, llama.cpp, whisper, Triton), each answering at its
/// node's host and configured port in its real wire format, with load times, VRAM limits and per-token pacing from the
/// shared hardware model.
/// </summary>
/// <remarks>
/// A service whose guest is stopped or whose node is offline refuses connections; so does a vLLM server while its
/// weights load after a guest start (its port opens once the engine is built). Responses take their simulated time on
/// <see cref="SimulationContext.Clock"/>, scaled by <see cref="InferenceSimulatorOptions.TimeScale"/>.
/// </remarks>
public sealed class InferenceSimulator : ISimulatorComponent, IInferenceView, IAcceleratorLoadView
{
    private readonly InferenceWorld _world;
    private readonly OllamaApi _ollama;
    private readonly VllmApi _vllm;
    private readonly LlamaCppApi _llamaCpp;
    private readonly WhisperApi _whisper;
    private readonly TritonApi _triton;

    /// <summary>Creates the component with default options.</summary>
    public InferenceSimulator()
        : this(new InferenceSimulatorOptions())
    {
    }

    /// <summary>Creates the component.</summary>
    public InferenceSimulator(InferenceSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _world = new InferenceWorld(options);
        var openAi = new OpenAiApi(_world);
        _ollama = new OllamaApi(_world, openAi);
        _vllm = new VllmApi(_world, openAi);
        _llamaCpp = new LlamaCppApi(_world, openAi);
        _whisper = new WhisperApi(_world);
        _triton = new TritonApi(_world);
    }

    /// <summary>The state file section: <c>inference</c>.</summary>
    public string StateKey => "inference";

    /// <inheritdoc />
    public void Seed(ClusterConfig config, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        _world.Seed(context);
    }

    /// <inheritdoc />
    public bool LoadState(JsonNode state, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return _world.Load(state.Deserialize(InferenceStateJsonContext.State.InferenceState), context);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A node of the wrong kind (an array where an object belongs) surfaces as InvalidOperationException.
            return false;
        }
    }

    /// <inheritdoc />
    public JsonNode SaveState() =>
        _world.WithState(state => JsonSerializer.SerializeToNode(state, InferenceStateJsonContext.State.InferenceState))
            ?? new JsonObject();

    /// <inheritdoc />
    public bool Answers(string host, int port, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(context);
        return _world.FindEndpoint(host, port, context.Config) is not null;
    }

    /// <inheritdoc />
    public Task<SimResponse> HandleAsync(SimRequest request, SimulationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var binding = _world.FindEndpoint(request.Host, request.Port, context.Config);
        if (binding is null || !_world.Observe(binding, context).IsUp)
        {
            return Task.FromResult(Refused.Response);
        }

        var path = NormalisePath(binding, request.Path);
        var routed = path == request.Path ? request : request with { Path = path };
        return binding.Kind switch
        {
            ServiceKind.Ollama => _ollama.HandleAsync(binding, routed, context, cancellationToken),
            ServiceKind.Vllm => _vllm.HandleAsync(binding, routed, context, cancellationToken),
            ServiceKind.LlamaCpp => _llamaCpp.HandleAsync(binding, routed, context, cancellationToken),
            ServiceKind.Whisper => _whisper.HandleAsync(binding, routed, context, cancellationToken),
            _ => _triton.HandleAsync(binding, routed, context),
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<InferenceServiceStatus> GetServices(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. _world.ObserveAll(context).Select(ToStatus)];
    }

    /// <inheritdoc />
    public IReadOnlyList<AcceleratorLoad> GetAcceleratorLoads(string node, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        return _world.AcceleratorLoads(node, context);
    }

    private static InferenceServiceStatus ToStatus(ServiceSnapshot snapshot) => new()
    {
        Node = snapshot.Binding.Node.Name,
        Service = snapshot.Binding.Service.Name,
        Kind = snapshot.Binding.Kind,
        Port = snapshot.Binding.Service.Port,
        IsUp = snapshot.IsUp,
        Failure = snapshot.Failure,
        InFlight = snapshot.Requests.Count,
        Models =
        [
            .. snapshot.Models.Select(m => new LoadedModelStatus
            {
                Name = m.Name,
                IsReady = m.ReadyAt <= snapshot.Now,
                LoadStartedAt = m.LoadStartedAt,
                ReadyAt = m.ReadyAt,
                LastUsedAt = m.LastUsedAt,
                ExpiresAt = snapshot.Binding.IsResident ? null : m.KeepAlive is { } keepAlive ? m.LastUsedAt + keepAlive : KeepAlive.Forever.ExpiresAt(m.LastUsedAt),
                SizeGb = m.SizeGb,
                VramGb = m.VramGb,
                InFlight = snapshot.Requests.Count(r => r.Model == m.Name),
            }),
        ],
    };

    /// <summary>Strips the path of a service's explicit URL (<c>http://host:8000/proxy</c>) and a trailing slash.</summary>
    private static string NormalisePath(ServiceBinding binding, string path)
    {
        if (binding.Service.Url is { } url && url.AbsolutePath.Length > 1 && path.StartsWith(url.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            path = path[url.AbsolutePath.TrimEnd('/').Length..];
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
