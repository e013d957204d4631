using System.Globalization;
using System.Net;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Core.Execution;

/// <summary>
/// Makes sure a route candidate can answer before a request is sent: wakes its node when asleep, starts the guest that
/// hosts the service when stopped (both through the <see cref="IActionRunner"/>, the one implementation of cluster
/// actions), then polls the service's health endpoint until it answers. Every step is reported.
/// </summary>
/// <param name="actions">Carries out the wake-up and the guest start.</param>
/// <param name="proxmox">Reads where and in what state the guest is after a wake-up (the snapshot predates it).</param>
/// <param name="http">Client for the health checks.</param>
/// <param name="timeProvider">Clock for the polling and timeouts.</param>
/// <param name="options">Timeouts and polling; defaults when null.</param>
public sealed class ServiceEnsurer(IActionRunner actions, IProxmoxApi proxmox, HttpClient http, TimeProvider timeProvider, ServiceEnsurerOptions? options = null)
{
    private readonly IActionRunner _actions = actions ?? throw new ArgumentNullException(nameof(actions));
    private readonly IProxmoxApi _proxmox = proxmox ?? throw new ArgumentNullException(nameof(proxmox));
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private readonly ServiceEnsurerOptions _options = options ?? new ServiceEnsurerOptions();

    /// <summary>The health endpoint of a service kind (relative to its base URL).</summary>
    public static string HealthPath(ServiceKind kind) => kind switch
    {
        ServiceKind.Ollama => "api/version",
        ServiceKind.Vllm or ServiceKind.LlamaCpp => "health",
        ServiceKind.Whisper => "v1/models",
        ServiceKind.Triton => "v2/health/ready",
        _ => "",
    };

    /// <summary>Wakes, starts and waits as <paramref name="candidate"/> needs; expected failures are returned, not thrown.</summary>
    public async Task<EnsureResult> EnsureAsync(RouteCandidate candidate, ClusterSnapshot snapshot, IProgress<ExecutionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(snapshot);
        var started = _time.GetTimestamp();
        var service = snapshot.Services.FirstOrDefault(s =>
            string.Equals(s.Node, candidate.Node, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Name, candidate.Service, StringComparison.OrdinalIgnoreCase));
        if (service is null)
        {
            return new EnsureResult { Ready = false, Error = $"{candidate.Node}/{candidate.Service ?? "(job)"} is not an inference service of the snapshot" };
        }

        var label = $"{service.Node}/{service.Name}";
        var woke = false;
        var startedGuest = false;
        EnsureResult Fail(string error) => new() { Ready = false, Error = error, Woke = woke, StartedGuest = startedGuest, Elapsed = _time.GetElapsedTime(started) };
        try
        {
            if (candidate.NeedsWake)
            {
                var via = snapshot.FindNode(candidate.Node)?.Config?.WakeOnLan?.Via
                    ?? snapshot.Nodes.FirstOrDefault(n => n.Status == NodeStatus.Online && !string.Equals(n.Name, candidate.Node, StringComparison.OrdinalIgnoreCase))?.Name;
                if (via is null)
                {
                    return Fail($"{candidate.Node} is asleep and no node is online to send the Wake-on-LAN packet");
                }

                progress?.Report(new ExecutionProgress(ExecutionStage.Waking, $"waking {candidate.Node} (Wake-on-LAN via {via})", candidate.Node, service.Name));
                var wake = await RunAsync(new WakeNodeAction(candidate.Node, via), ExecutionStage.Waking, service, progress, cancellationToken).ConfigureAwait(false);
                if (!wake.Succeeded)
                {
                    return Fail($"could not wake {candidate.Node}: {wake.Error ?? wake.Summary}");
                }

                woke = true;
            }

            if (service.Config.Guest is { } vmId && (candidate.NeedsGuestStart || woke))
            {
                var (guest, running) = woke ? await ReadGuestAsync(vmId, cancellationToken).ConfigureAwait(false) : FromSnapshot(snapshot, vmId);
                if (guest is null)
                {
                    return Fail($"guest {vmId}, which hosts {label} (services.{service.Name}.guest in cluster.yaml), does not exist");
                }

                if (!running)
                {
                    progress?.Report(new ExecutionProgress(ExecutionStage.StartingGuest, $"starting {guest} for {label}", service.Node, service.Name));
                    var start = await RunAsync(new StartGuestAction(guest), ExecutionStage.StartingGuest, service, progress, cancellationToken).ConfigureAwait(false);
                    if (!start.Succeeded)
                    {
                        return Fail($"could not start {guest}: {start.Error ?? start.Summary}");
                    }

                    startedGuest = true;
                }
            }
        }
        catch (PveApiException error)
        {
            return Fail(error.Message);
        }

        if (woke || startedGuest || !service.Reachable)
        {
            var problem = await WaitUntilAnswersAsync(service, label, progress, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return Fail(problem);
            }
        }

        return new EnsureResult { Ready = true, Woke = woke, StartedGuest = startedGuest, Elapsed = _time.GetElapsedTime(started) };
    }

    private async Task<ActionOutcome> RunAsync(ClusterAction action, ExecutionStage stage, ServiceState service, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken)
    {
        var forward = progress is null
            ? null
            : new CallbackProgress<ActionProgress>(p => progress.Report(new ExecutionProgress(stage, p.Message, service.Node, service.Name)));
        var started = await _actions.StartAsync(action, cancellationToken).ConfigureAwait(false);
        return await _actions.WaitAsync(action, started, forward, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(GuestRef? Guest, bool Running)> ReadGuestAsync(int vmId, CancellationToken cancellationToken)
    {
        var guests = await _proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken).ConfigureAwait(false);
        var entry = guests.FirstOrDefault(g => g.VmId == vmId && g.GuestType is not null);
        return entry is null
            ? (null, false)
            : (new GuestRef { VmId = vmId, Type = entry.GuestType!.Value, Node = entry.Node ?? "", Name = entry.Name ?? "" }, entry.Status == "running");
    }

    private static (GuestRef? Guest, bool Running) FromSnapshot(ClusterSnapshot snapshot, int vmId) =>
        snapshot.FindGuest(vmId) is { } guest ? (GuestRef.From(guest), guest.IsRunning) : (null, false);

    /// <summary>Polls the health endpoint until it answers; returns why not when the time is up.</summary>
    private async Task<string?> WaitUntilAnswersAsync(ServiceState service, string label, IProgress<ExecutionProgress>? progress, CancellationToken cancellationToken)
    {
        var url = Endpoints.Resolve(service.Url, HealthPath(service.Kind));
        var started = _time.GetTimestamp();
        while (true)
        {
            var why = await CheckAsync(url, cancellationToken).ConfigureAwait(false);
            if (why is null)
            {
                return null;
            }

            var elapsed = _time.GetElapsedTime(started);
            if (elapsed >= _options.ReadyTimeout)
            {
                return $"{label} did not answer {url} within {ActionDurations.Format(_options.ReadyTimeout)} (last check: {why}); look at the service's log in its guest";
            }

            progress?.Report(new ExecutionProgress(
                ExecutionStage.WaitingForService,
                string.Create(CultureInfo.InvariantCulture, $"waiting for {label} to answer ({(int)elapsed.TotalSeconds} s)"),
                service.Node,
                service.Name));
            var pause = _options.ReadyTimeout - elapsed;
            await Task.Delay(pause < _options.PollInterval ? pause : _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the service answers; else what the check saw.</summary>
    private async Task<string?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.CheckTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);

            // 404/405: the server is up but lacks this endpoint (an older build); 503 is llama.cpp still loading its model.
            return response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException error)
        {
            return error.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : error.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {ActionDurations.Format(_options.CheckTimeout)}";
        }
    }
}
