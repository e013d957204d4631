using System.Globalization;
using System.Text;
using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Core.Execution;

/// <summary>
/// Runs an AI task: routes it on a fresh snapshot, then tries the candidates of the fallback chain in order: make the
/// service ready, send the request, stream the answer. A candidate that fails before any output is reported and the next
/// one is tried; a failure after output started ends the run, so a request never runs twice. Each success feeds the
/// service's measured latency back to the router.
/// </summary>
public sealed class TaskRunner : ITaskRunner
{
    private readonly IClusterSnapshotSource _snapshots;
    private readonly ServiceEnsurer _ensurer;
    private readonly InferenceExecutors _executors;
    private readonly LatencyWindows _latencies;
    private readonly TimeProvider _time;
    private readonly TaskRunnerOptions _options;
    private const string DefaultAudioName = "audio.wav";

    private readonly Router _router = new();

    /// <summary>Creates a runner.</summary>
    /// <param name="snapshots">Reads the cluster before routing.</param>
    /// <param name="ensurer">Wakes nodes and starts guests as a candidate needs.</param>
    /// <param name="executors">The inference protocols.</param>
    /// <param name="latencies">Measured latencies: read by the router, fed by each success (share it with other routers).</param>
    /// <param name="timeProvider">Clock for the measured timings.</param>
    /// <param name="options">Routing options and input limits; defaults when null.</param>
    public TaskRunner(IClusterSnapshotSource snapshots, ServiceEnsurer ensurer, InferenceExecutors executors, LatencyWindows latencies, TimeProvider timeProvider, TaskRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(ensurer);
        ArgumentNullException.ThrowIfNull(executors);
        ArgumentNullException.ThrowIfNull(latencies);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _snapshots = snapshots;
        _ensurer = ensurer;
        _executors = executors;
        _latencies = latencies;
        _time = timeProvider;
        _options = options ?? new TaskRunnerOptions();
    }

    /// <inheritdoc />
    public async Task<TaskRunResult> RunAsync(TaskRunRequest request, Func<string, CancellationToken, ValueTask>? onOutput = null, IProgress<ExecutionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        var type = request.Task.Type;
        var input = await ReadInputAsync(request, cancellationToken).ConfigureAwait(false);
        if (input.Error is { } inputError)
        {
            return Failed(type, inputError, started, null, []);
        }

        var task = type == TaskType.SpeechToText ? request.Task : request.Task with { Input = input.Prompt };
        var snapshot = await _snapshots.ReadAsync(cancellationToken).ConfigureAwait(false);
        var decision = _router.Route(task, snapshot, _options.Routing, _latencies.Snapshot());
        if (!decision.Found)
        {
            var why = decision.Rejected.Count == 0
                ? "no node is described in cluster.yaml"
                : string.Join("; ", decision.Rejected.Take(8).Select(r => r.ToString())) + (decision.Rejected.Count > 8 ? $"; and {decision.Rejected.Count - 8} more" : "");
            return Failed(type, $"no node can run {Describe(task)}: {why}", started, decision, []);
        }

        var candidates = Order(decision.Candidates, request, progress);
        var best = candidates[0];
        progress?.Report(new ExecutionProgress(
            ExecutionStage.Routing,
            string.Create(CultureInfo.InvariantCulture, $"{Describe(task)} → {Label(best)}{(best.Model is null ? "" : $" ({best.Model}{(best.Warm ? ", warm" : "")})")}, score {best.Score:0.0}{(candidates.Count > 1 ? $"; {candidates.Count - 1} more candidate{(candidates.Count > 2 ? "s" : "")} to fall back on" : "")}"),
            best.Node,
            best.Service));

        var attempts = new List<TaskAttempt>();
        var woke = false;
        var startedGuest = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var next = i + 1 < candidates.Count ? candidates[i + 1] : null;
            string? error;
            var service = candidate.Service is null ? null : snapshot.Services.FirstOrDefault(s =>
                string.Equals(s.Node, candidate.Node, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Name, candidate.Service, StringComparison.OrdinalIgnoreCase));
            var choice = service is null ? null : _executors.Select(service.Kind, type);
            if (service is null)
            {
                error = $"{type} runs as a job on the node there, and PveAgent runs tasks only through inference services so far";
            }
            else if (!choice!.IsSupported)
            {
                error = choice.Unsupported!;
            }
            else
            {
                var ready = await _ensurer.EnsureAsync(candidate, snapshot, progress, cancellationToken).ConfigureAwait(false);
                woke |= ready.Woke;
                startedGuest |= ready.StartedGuest;
                if (ready.Ready)
                {
                    var model = ResolveModel(service, candidate.Model);
                    var inference = new InferenceRequest
                    {
                        BaseUrl = service.Url,
                        Operation = choice.Operation,
                        Model = model,
                        Prompt = input.Prompt,
                        SystemPrompt = request.SystemPrompt,
                        MaxTokens = request.MaxTokens,
                        Audio = input.Audio,
                        AudioFileName = input.AudioFileName,
                        Language = request.Language,
                    };
                    progress?.Report(new ExecutionProgress(ExecutionStage.Running, $"running on {Label(candidate)}{(model is null ? "" : $" with {model}")}", candidate.Node, candidate.Service));
                    var delivered = new StringBuilder();
                    async ValueTask Forward(string text, CancellationToken token)
                    {
                        delivered.Append(text);
                        if (onOutput is not null)
                        {
                            await onOutput(text, token).ConfigureAwait(false);
                        }
                    }

                    try
                    {
                        var result = await choice.Executor!.ExecuteAsync(inference, Forward, cancellationToken).ConfigureAwait(false);
                        if ((candidate.Model ?? model) is { } measuredModel)
                        {
                            _latencies.Record(candidate.Node, candidate.Service!, measuredModel, result.Elapsed.TotalMilliseconds);
                        }

                        return Succeeded(type, candidate, model, result, decision, attempts, woke, startedGuest, started);
                    }
                    catch (InferenceException failure) when (!cancellationToken.IsCancellationRequested)
                    {
                        if (delivered.Length > 0 || failure.OutputStarted)
                        {
                            attempts.Add(new TaskAttempt(candidate.Node, candidate.Service, failure.Reason, OutputStarted: true));
                            var message = $"{Label(candidate)} failed after its answer had started ({failure.Reason}); the request is not repeated elsewhere, so nothing runs twice. {failure.Message}";
                            return Failed(type, message, started, decision, attempts, woke, startedGuest) with
                            {
                                Node = candidate.Node,
                                Service = candidate.Service,
                                Model = model,
                                Output = delivered.ToString(),
                            };
                        }

                        error = failure.Reason;
                    }
                }
                else
                {
                    error = ready.Error ?? "the service is not ready";
                }
            }

            attempts.Add(new TaskAttempt(candidate.Node, candidate.Service, error));
            progress?.Report(new ExecutionProgress(
                ExecutionStage.Fallback,
                $"{Label(candidate)} failed: {error} — {(next is null ? "no candidates left" : $"trying {Label(next)}")}",
                candidate.Node,
                candidate.Service));
        }

        var tried = string.Join("; ", attempts.Select(a => a.ToString()));
        return Failed(type, $"every candidate for {Describe(task)} failed: {tried}", started, decision, attempts, woke, startedGuest);
    }

    /// <summary>
    /// Where the output of tasks carried out as plan steps (<see cref="RunActionAsync"/>) is streamed as it arrives,
    /// e.g. the terminal; null keeps it only in the outcome.
    /// </summary>
    public Func<string, CancellationToken, ValueTask>? PlanStepOutput { get; set; }

    /// <summary>The full result of the last task carried out as a plan step (where it ran, why, how long), for reports.</summary>
    public TaskRunResult? LastPlanStepResult { get; private set; }

    /// <inheritdoc />
    public async Task<ActionOutcome> RunActionAsync(RunTaskAction action, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = _time.GetTimestamp();
        var request = new TaskRunRequest
        {
            Task = new TaskRequest { Type = TaskType.Parse(action.TaskType), Model = action.Model, Input = action.Input },
            InputFile = action.InputFile,
            PreferNode = action.Node,
            PreferService = action.Service,
        };
        var forward = progress is null
            ? null
            : new CallbackProgress<ExecutionProgress>(p => progress.Report(new ActionProgress(p.Message, _time.GetElapsedTime(started))));
        var result = await RunAsync(request, PlanStepOutput, forward, cancellationToken).ConfigureAwait(false);
        LastPlanStepResult = result;
        return new ActionOutcome
        {
            Succeeded = result.Succeeded,
            Summary = result.Summary,
            Error = result.Error,
            Output = result.Output.Length == 0 ? null : result.Output,
            Duration = result.Total,
        };
    }

    private static string Label(RouteCandidate candidate) => $"{candidate.Node}/{candidate.Service ?? "(job)"}";

    private static string Describe(TaskRequest task) => task.Model is { Length: > 0 } model ? $"{task.Type} with {model}" : task.Type.Name;

    /// <summary>The candidates in the router's order, with the preferred one (a plan's choice) first when it is still among them.</summary>
    private static List<RouteCandidate> Order(IReadOnlyList<RouteCandidate> candidates, TaskRunRequest request, IProgress<ExecutionProgress>? progress)
    {
        var ordered = candidates.ToList();
        if (request.PreferNode is not { } node)
        {
            return ordered;
        }

        var index = ordered.FindIndex(c => string.Equals(c.Node, node, StringComparison.OrdinalIgnoreCase)
            && (request.PreferService is null || string.Equals(c.Service, request.PreferService, StringComparison.OrdinalIgnoreCase)));
        if (index < 0)
        {
            progress?.Report(new ExecutionProgress(ExecutionStage.Routing, $"{node}/{request.PreferService ?? "(job)"} can no longer take the task; following the router's order instead", node, request.PreferService));
            return ordered;
        }

        var preferred = ordered[index];
        ordered.RemoveAt(index);
        ordered.Insert(0, preferred);
        return ordered;
    }

    /// <summary>The model as the service names it (vLLM needs its exact served name), else as requested.</summary>
    private static string? ResolveModel(ServiceState service, string? model) =>
        model is null
            ? null
            : service.Available.FirstOrDefault(a => ModelNames.AreSame(a, model)) ?? service.Loaded.FirstOrDefault(l => ModelNames.AreSame(l.Name, model))?.Name ?? model;

    private TaskRunResult Succeeded(
        TaskType type, RouteCandidate candidate, string? model, InferenceResult result, RouteDecision decision,
        List<TaskAttempt> attempts, bool woke, bool startedGuest, long started)
    {
        var after = attempts.Count == 0 ? "" : $" after {attempts.Count} candidate{(attempts.Count == 1 ? "" : "s")} failed";
        return new TaskRunResult
        {
            Succeeded = true,
            Summary = $"{type} ran on {Label(candidate)}{(model is null ? "" : $" with {model}")} in {ActionDurations.Format(result.Elapsed)}{(candidate.Warm ? " (model was warm)" : "")}{after}.",
            Node = candidate.Node,
            Service = candidate.Service,
            Model = model,
            Warm = candidate.Warm,
            Score = candidate.Score,
            Reasons = [.. candidate.Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Value:+0.0;-0.0;0.0}: {p.Reason}"))],
            LatencyMs = result.Elapsed.TotalMilliseconds,
            TimeToFirstOutputMs = result.TimeToFirstOutput?.TotalMilliseconds,
            Total = _time.GetElapsedTime(started),
            Output = result.Text,
            Usage = result.Usage,
            Attempts = [.. attempts],
            Woke = woke,
            StartedGuest = startedGuest,
            Decision = decision,
        };
    }

    private TaskRunResult Failed(TaskType type, string error, long started, RouteDecision? decision, List<TaskAttempt> attempts, bool woke = false, bool startedGuest = false) => new()
    {
        Succeeded = false,
        Summary = $"Running {type} failed: {error.TrimEnd('.')}.",
        Error = ActionSentences.Capitalize(error.TrimEnd('.')) + ".",
        Total = _time.GetElapsedTime(started),
        Attempts = [.. attempts],
        Woke = woke,
        StartedGuest = startedGuest,
        Decision = decision,
    };

    private async Task<TaskInput> ReadInputAsync(TaskRunRequest request, CancellationToken cancellationToken)
    {
        var text = request.Task.Input ?? "";
        var speech = request.Task.Type == TaskType.SpeechToText;
        var path = request.InputFile;
        if (path is null && speech)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return TaskInput.Invalid("speech-to-text needs an audio file: pass it with --input-file <path>");
            }

            // "transcribe /mnt/nas/meeting.wav": the input names the file.
            path = text.Trim();
        }

        if (path is null)
        {
            return string.IsNullOrWhiteSpace(text)
                ? TaskInput.Invalid("there is nothing to send: give a prompt, or a file with --input-file <path>")
                : new TaskInput(text, default, DefaultAudioName, null);
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return TaskInput.Invalid(Directory.Exists(path)
                ? $"the input file '{path}' is a folder; name a file inside it"
                : $"the input file '{path}' does not exist (looked at {file.FullName}); check the path");
        }

        if (file.Length > _options.MaxInputFileBytes)
        {
            return TaskInput.Invalid(string.Create(CultureInfo.InvariantCulture, $"the input file '{path}' has {file.Length} bytes, more than the limit of {_options.MaxInputFileBytes}; split it or raise the limit"));
        }

        if (speech)
        {
            var audio = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            return new TaskInput("", audio, file.Name, null);
        }

        var content = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        return new TaskInput(string.IsNullOrWhiteSpace(text) ? content : $"{text}\n\n{content}", default, DefaultAudioName, null);
    }

    /// <summary>The input of a run, read before anything runs.</summary>
    private sealed record TaskInput(string Prompt, ReadOnlyMemory<byte> Audio, string AudioFileName, string? Error)
    {
        public static TaskInput Invalid(string error) => new("", default, DefaultAudioName, error);
    }
}
