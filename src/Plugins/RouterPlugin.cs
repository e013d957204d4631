using System.ComponentModel;
using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins;

/// <summary>AI work: where a task would run and why, running one, and the scheduler's queue.</summary>
/// <param name="context">The planning session's context.</param>
public sealed class RouterPlugin(ToolContext context)
{
    private const string TaskParameter = "llm-inference, speech-to-text, embeddings, image-generation, video-generation, training or preprocessing.";
    private const int MaxRejected = 10;

    private readonly ToolContext _context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Ranks where a task would run, with the reason for every part of each score.</summary>
    [Tool("route_task", ToolEffect.Read, Title = "Route task", Idempotent = true)]
    [Description("Where a task would run and why (score parts, fallbacks, exclusions); runs nothing.")]
    public async Task<ToolResult> RouteTaskAsync(
        [Description(TaskParameter)] string task,
        string? model = null,
        string? node = null,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (Request(snapshot, task, model, null, node, out var request) is { } error)
        {
            return error;
        }

        var decision = _context.Router.Route(request, snapshot, _context.Routing, _context.Latencies);
        return Describe(decision);
    }

    /// <summary>Queues running a task where the router places it.</summary>
    [Tool("run_task", ToolEffect.Write, Title = "Run AI task", OpenWorld = true)]
    [Description("Run an AI task (prompt, transcription, embedding) where the router places it.")]
    public async Task<ToolResult> RunTaskAsync(
        [Description(TaskParameter)] string task,
        string? model = null,
        [Description("Prompt or text.")] string? input = null,
        [Description("e.g. /mnt/nas/meeting.wav")] string? file = null,
        CancellationToken cancellationToken = default)
    {
        var projected = await _context.GetProjectedSnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (Request(projected, task, model, input, null, out var request) is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(input) && string.IsNullOrWhiteSpace(file) && request.Type.Execution != TaskExecution.Job)
        {
            return new ToolError($"A {request.Type.Name} task needs an input: give input (the text) or file (a path).");
        }

        var decision = _context.Router.Route(request, projected, _context.Routing, _context.Latencies);
        if (decision.Best is not { } best)
        {
            return new ToolError($"No node can run {request.Type.Name}{(model is null ? "" : $" with {model}")}: {string.Join("; ", decision.Rejected.Take(3).Select(r => r.ToString()))}.");
        }

        if (best.NeedsWake)
        {
            return new ToolError($"The best place for this task, {best.Node}, is asleep: queue wake_node {best.Node} first, then run_task again.");
        }

        if (best.Service is not { } service)
        {
            return new ToolError($"{request.Type.Name} would run as a job on {best.Node}, and PveAgent runs AI tasks only through inference services so far: serve the model from a service in cluster.yaml, or start the job on {best.Node} yourself.");
        }

        List<Precondition> facts = [new NodeStatusPrecondition(best.Node, NodeStatus.Online)];
        return new ProposedStep
        {
            Action = new RunTaskAction(request.Type.Name, best.Model ?? model, string.IsNullOrWhiteSpace(input) ? null : input, string.IsNullOrWhiteSpace(file) ? null : file.Trim(), best.Node, service, best.NeedsGuestStart || best.NeedsWake),
            Rationale = $"run {request.Type.Name}{(best.Model is null ? "" : $" with {best.Model}")} on {best.Node}/{service}: {(best.Warm ? "model already loaded" : "best score")} ({best.Score.ToString("0.#", CultureInfo.InvariantCulture)} points{(best.NeedsGuestStart ? ", its guest starts first" : "")})",
            Preconditions = facts,
        };
    }

    /// <summary>The scheduler's queued and running tasks.</summary>
    [Tool("task_queue", ToolEffect.Read, Title = "Task queue", Idempotent = true)]
    [Description("Queued and running AI tasks.")]
    public Task<ToolResult> TaskQueueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_context.Queue is not { } read)
        {
            return Task.FromResult<ToolResult>(new QueueStatus([], [], "No scheduler runs in this process; tasks submitted by an applied plan show here while it runs."));
        }

        var queue = read();
        return Task.FromResult<ToolResult>(new QueueStatus(
            [.. queue.Queued.Select(q => new QueuedTaskRow(q.Id, q.Type, q.Node, Priority(q.Priority), Facts.Round(q.Waited.TotalSeconds), q.Model, q.Paused ? true : null))],
            [.. queue.Running.Select(r => new RunningTaskRow(r.Id, r.Type, r.Node, r.Devices, Facts.Round(r.VramGb), r.StartedAt, r.Model))]));
    }

    private ToolError? Request(ClusterSnapshot snapshot, string task, string? model, string? input, string? node, out TaskRequest request)
    {
        request = null!;
        var name = (task ?? "").Trim();
        if (name.Length == 0)
        {
            return new ToolError("No task type given: " + TaskParameter);
        }

        var type = TaskType.Parse(name);
        var declared = _context.Config.Cluster.CustomCapabilities.Contains(type.Name, StringComparer.OrdinalIgnoreCase);
        if (!type.IsBuiltIn && !declared)
        {
            var known = TaskType.BuiltIn.Select(t => t.Name).Concat(_context.Config.Cluster.CustomCapabilities).ToList();
            return new ToolError($"Unknown task type '{name}'.") { DidYouMean = [.. known.OrderBy(k => NameDistance.Between(name, k)).Take(3)] };
        }

        string? pin = null;
        if (node is not null)
        {
            if (!NodeResolver.TryResolve(snapshot, node, out var found, out var error))
            {
                return error;
            }

            pin = found.Name;
        }

        request = new TaskRequest
        {
            Type = type,
            Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            Input = input,
            Constraints = pin is null ? TaskConstraints.None : new TaskConstraints { PinNode = pin },
        };
        return null;
    }

    private static RouteResult Describe(RouteDecision decision)
    {
        RouteChoice? choice = null;
        if (decision.Best is { } best)
        {
            choice = new RouteChoice(
                best.Node,
                best.Devices > 1 ? $"{best.AcceleratorModel} x{best.Devices}" : best.AcceleratorModel,
                Facts.Round(best.Score),
                best.Warm,
                Facts.Round(best.EstimatedLatencyMs / 1000),
                [.. best.Parts.Select(p => $"{p.Name} {p.Value.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture)}: {p.Reason}")],
                best.Service,
                best.Model,
                best.NeedsWake ? true : null,
                best.NeedsGuestStart ? true : null);
        }

        return new RouteResult(
            decision.Task.Type.Name,
            choice,
            [.. decision.Candidates.Skip(1).Select(c => new RouteAlternative(c.Node, Facts.Round(c.Score), c.Service, c.Model))],
            [.. decision.Rejected.Take(MaxRejected).Select(r => r.ToString())],
            decision.Task.Model);
    }

    private static string Priority(TaskPriority priority) => priority.ToString().ToLowerInvariant();
}
