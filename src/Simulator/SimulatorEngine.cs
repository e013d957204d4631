using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Hosting;
using PveAgent.Simulator.Proxmox;

namespace PveAgent.Simulator;

/// <summary>
/// Hosts the simulator components (the Proxmox API plus whatever else is registered), routes each request to the component
/// that answers its host and port, and keeps the world in one state file shared by every process on the machine.
/// </summary>
/// <remarks>
/// Each request runs one cycle under a lock file: load the state if another process changed it, handle, save if anything
/// changed. A state file seeded from a different cluster.yaml (SHA-256 recorded in the file) is replaced by a fresh world.
/// </remarks>
public sealed partial class SimulatorEngine : IDisposable
{
    /// <summary>Version of the state file layout; another version means re-seeding.</summary>
    public const int StateVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly List<ISimulatorComponent> _components;
    private readonly ILogger _logger;
    private byte[]? _lastBytes;
    private bool _loaded;

    /// <summary>Creates an engine for <paramref name="config"/>; <paramref name="components"/> are added after the Proxmox API simulator.</summary>
    public SimulatorEngine(
        ClusterConfig config,
        PveAgentSimulatorOptions? options = null,
        IEnumerable<ISimulatorComponent>? components = null,
        TimeProvider? clock = null,
        ILogger<SimulatorEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Options = options ?? new PveAgentSimulatorOptions();
        Config = config;
        Context = new SimulationContext(config, clock ?? TimeProvider.System, Options.Seed);
        Proxmox = new ProxmoxApiSimulator(Options);
        _components = [Proxmox, .. components ?? []];
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ConfigSha256 = ConfigFingerprint.Compute(config);
        if (Options.PersistState)
        {
            var directory = Options.StateDirectory ?? Core.Storage.StateDirectory.Resolve(Environment.GetEnvironmentVariable);
            StateFilePath = Path.Combine(directory, SimulatorStatePaths.StateFileName);
        }
    }

    /// <summary>The registry the world is seeded from.</summary>
    public ClusterConfig Config { get; }

    /// <summary>The options in force.</summary>
    public PveAgentSimulatorOptions Options { get; }

    /// <summary>What the components share (clock, seed, power view).</summary>
    public SimulationContext Context { get; }

    /// <summary>The simulated Proxmox VE API.</summary>
    public ProxmoxApiSimulator Proxmox { get; }

    /// <summary>Every component, the Proxmox simulator first.</summary>
    public IReadOnlyList<ISimulatorComponent> Components => _components;

    /// <summary>Full path of <c>simulator.json</c>, or null when state is kept in memory only.</summary>
    public string? StateFilePath { get; }

    /// <summary>SHA-256 (hex) of the cluster.yaml the world belongs to.</summary>
    public string ConfigSha256 { get; }

    /// <summary>The last thing worth telling the user about the state (e.g. "re-seeded because cluster.yaml changed"), or null.</summary>
    public string? LastNotice { get; private set; }

    /// <summary>True when some component answers <paramref name="host"/>:<paramref name="port"/>.</summary>
    public bool Answers(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        return _components.Any(c => c.Answers(host.ToLowerInvariant(), port, Context));
    }

    /// <summary>Loads (or seeds and saves) the world now, so the first request does not pay for it; returns <see cref="LastNotice"/>.</summary>
    public Task<string?> InitializeAsync(CancellationToken cancellationToken = default) =>
        WithStateAsync(() => LastNotice, cancellationToken);

    /// <summary>Answers one request: the component that answers its host and port handles it; nobody answering means connection refused.</summary>
    public async Task<SimResponse> HandleAsync(SimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = StateFilePath is null ? null : await StateFileLock.AcquireAsync(StateFilePath + ".lock", cancellationToken).ConfigureAwait(false);
            Load();
            var component = _components.FirstOrDefault(c => c.Answers(request.Host.ToLowerInvariant(), request.Port, Context));
            var response = component is null
                ? new SimResponse { Status = 0, ConnectionRefused = true }
                : await component.HandleAsync(request, Context, cancellationToken).ConfigureAwait(false);
            Save();
            return response;
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> on the current world (loaded first, saved after), e.g. an admin change from <c>pve-agent sim</c>.</summary>
    public async Task<T> WithStateAsync<T>(Func<T> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = StateFilePath is null ? null : await StateFileLock.AcquireAsync(StateFilePath + ".lock", cancellationToken).ConfigureAwait(false);
            Load();
            var result = action();
            Save();
            return result;
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>Puts a node to sleep or wakes it at once, persisted (see <see cref="ProxmoxApiSimulator.SetNodeOnline"/>).</summary>
    public Task SetNodeOnlineAsync(string node, bool online, CancellationToken cancellationToken = default) =>
        WithStateAsync(
            () =>
            {
                Proxmox.SetNodeOnline(node, online);
                return true;
            },
            cancellationToken);

    /// <summary>Deletes the state and seeds a fresh world from the registry (<c>pve-agent sim reset</c>).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = StateFilePath is null ? null : await StateFileLock.AcquireAsync(StateFilePath + ".lock", cancellationToken).ConfigureAwait(false);
            ResetLocked();
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>Synchronous <see cref="ResetAsync"/>, for callers without an async context.</summary>
    public void Reset()
    {
        _mutex.Wait();
        try
        {
            using var fileLock = StateFilePath is null ? null : StateFileLock.Acquire(StateFilePath + ".lock");
            ResetLocked();
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _mutex.Dispose();

    private void ResetLocked()
    {
        if (StateFilePath is not null)
        {
            File.Delete(StateFilePath);
        }

        LastNotice = null;
        SeedAll(null);
        Save();
    }

    private void Load()
    {
        if (StateFilePath is null)
        {
            if (!_loaded)
            {
                SeedAll(null);
            }

            return;
        }

        var bytes = File.Exists(StateFilePath) ? File.ReadAllBytes(StateFilePath) : null;
        if (bytes is null)
        {
            SeedAll(null);
            return;
        }

        if (_loaded && _lastBytes is not null && bytes.AsSpan().SequenceEqual(_lastBytes))
        {
            return;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            SeedAll($"The simulator state {StateFilePath} was unreadable; seeded a fresh simulated cluster.");
            return;
        }

        var version = root["version"]?.GetValue<int>();
        var hash = root["configSha256"]?.GetValue<string>();
        if (version != StateVersion)
        {
            SeedAll($"The simulator state {StateFilePath} has layout version {version}, this build uses {StateVersion}; seeded a fresh simulated cluster.");
            return;
        }

        if (hash != ConfigSha256)
        {
            SeedAll($"{Config.SourcePath ?? "The cluster configuration"} changed since the simulated cluster was created; re-seeded it (earlier simulated changes are gone).");
            return;
        }

        var sections = root["components"] as JsonObject;
        foreach (var component in _components)
        {
            if (sections?[component.StateKey] is not { } section || !component.LoadState(section, Context))
            {
                component.Seed(Config, Context);
                Notice($"The '{component.StateKey}' part of the simulator state was missing or unusable; seeded it afresh.");
            }
        }

        _lastBytes = bytes;
        _loaded = true;
    }

    private void SeedAll(string? notice)
    {
        foreach (var component in _components)
        {
            component.Seed(Config, Context);
        }

        _loaded = true;
        _lastBytes = null;
        if (notice is not null)
        {
            Notice(notice);
        }
    }

    private void Save()
    {
        if (StateFilePath is null)
        {
            return;
        }

        var sections = new JsonObject();
        foreach (var component in _components)
        {
            sections[component.StateKey] = component.SaveState();
        }

        var root = new JsonObject
        {
            ["version"] = StateVersion,
            ["configSha256"] = ConfigSha256,
            ["seed"] = Options.Seed,
            ["components"] = sections,
        };
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString(Indented));
        if (_lastBytes is not null && bytes.AsSpan().SequenceEqual(_lastBytes))
        {
            return;
        }

        // Write beside the target and rename over it: a reader never sees a half-written file.
        var directory = Path.GetDirectoryName(StateFilePath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{SimulatorStatePaths.StateFileName}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, StateFilePath, overwrite: true);
        _lastBytes = bytes;
    }

    private void Notice(string message)
    {
        LastNotice = message;
        LogNotice(_logger, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notice}")]
    private static partial void LogNotice(ILogger logger, string notice);
}
