using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PveAgent.Core.Hardware;
using PveAgent.Core.Routing;
using PveAgent.Plugins;
using PveAgent.Plugins.Planning;
using PveAgent.Plugins.Results;

namespace PveAgent.Kernel.Planning;

/// <summary>
/// Turns everyday intents into plans without an LLM: status questions, AI tasks (through the router), guest power,
/// snapshots and migration by id or name, "every VM on &lt;node&gt;", wake / drain a node, "where should &lt;task&gt; run",
/// "free up the GPUs on &lt;node&gt;". It drives a <see cref="PlanningSession"/> with the same tool calls an LLM would
/// make. Anything else is "not understood" with examples; a destructive action is planned only when the person names
/// it and its target — never inferred.
/// </summary>
public sealed partial class RuleBasedPlanner
{
    private readonly ToolCatalog _catalog;
    private readonly IReadOnlyList<Rule> _rules;

    /// <summary>A planner over <paramref name="catalog"/> (default <see cref="ToolCatalog.Default"/>).</summary>
    public RuleBasedPlanner(ToolCatalog? catalog = null)
    {
        _catalog = catalog ?? ToolCatalog.Default;
        _rules =
        [
            new(Status(), (m, run) => StatusAsync(run)),
            new(RunningWhere(), (m, run) => RunningWhereAsync(run)),
            new(RunningOn(), (m, run) => RunningOnAsync(run, m.Groups["node"].Value)),
            new(WhereShouldRun(), (m, run) => WhereShouldRunAsync(run, m.Groups["task"].Value)),
            new(GpuStatus(), (m, run) => GpuStatusAsync(run, Optional(m, "node"))),
            new(ModelsLoaded(), (m, run) => ModelsAsync(run)),
            new(FreeGpus(), (m, run) => FreeGpusAsync(run, m.Groups["node"].Value)),
            new(Drain(), (m, run) => DrainAsync(run, m.Groups["node"].Value)),
            new(Wake(), (m, run) => run.WriteAsync("wake_node", ("node", m.Groups["node"].Value))),
            new(SnapshotEvery(), (m, run) => SnapshotEveryAsync(run, m.Groups["node"].Value, Optional(m, "name"))),
            new(MigrateEvery(), (m, run) => MigrateEveryAsync(run, m.Groups["node"].Value, m.Groups["target"].Value)),
            new(DeleteSnapshot(), (m, run) => GuestWriteAsync(run, "delete_snapshot", m.Groups["guest"].Value, ("name", m.Groups["name"].Value))),
            new(Rollback(), (m, run) => GuestWriteAsync(run, "rollback_snapshot", m.Groups["guest"].Value, ("name", m.Groups["name"].Value))),
            new(Snapshot(), (m, run) => GuestWriteAsync(run, "create_snapshot", m.Groups["guest"].Value, ("name", Optional(m, "name")))),
            new(Migrate(), (m, run) => GuestWriteAsync(run, "migrate_guest", m.Groups["guest"].Value, ("target", m.Groups["target"].Value))),
            new(Shutdown(), (m, run) => GuestWriteAsync(run, "shutdown_guest", m.Groups["guest"].Value)),
            new(Stop(), (m, run) => GuestWriteAsync(run, "stop_guest", m.Groups["guest"].Value)),
            new(Reboot(), (m, run) => GuestWriteAsync(run, "reboot_guest", m.Groups["guest"].Value)),
            new(Start(), (m, run) => GuestWriteAsync(run, "start_guest", m.Groups["guest"].Value)),
            new(Transcribe(), (m, run) => RunTaskAsync(run, TaskType.SpeechToText.Name, null, null, IntentText.Unquote(m.Groups["file"].Value))),
            new(AskModel(), (m, run) => RunTaskAsync(run, TaskType.LlmInference.Name, m.Groups["model"].Value, IntentText.Unquote(m.Groups["prompt"].Value), null)),
            new(Ask(), (m, run) => RunTaskAsync(run, TaskType.LlmInference.Name, null, IntentText.Unquote(m.Groups["prompt"].Value), null)),
            new(Embed(), (m, run) => RunTaskAsync(run, TaskType.Embeddings.Name, null, IntentText.Unquote(m.Groups["text"].Value), null)),
            new(GenerateImage(), (m, run) => RunTaskAsync(run, TaskType.ImageGeneration.Name, null, IntentText.Unquote(m.Groups["prompt"].Value), null)),
        ];
    }

    /// <summary>Intents this planner understands, shown when it does not understand one.</summary>
    public static IReadOnlyList<string> Examples { get; } =
    [
        "status",
        "what is running where",
        "what is running on brian",
        "where should speech-to-text run",
        "start jellyfin",
        "shut down 201",
        "reboot the homeassistant vm",
        "migrate 110 to pve3",
        "snapshot 201 as before-upgrade",
        "snapshot every VM on brian, then migrate vm 150 to pve3",
        "drain brian",
        "wake edge-tt",
        "free up the GPUs on brian",
        "transcribe /mnt/nas/meeting.wav",
        "ask llama-3.3-70b: explain quantum computing",
        "embed 'some text'",
        "generate an image of a cat",
    ];

    /// <summary>Plans <paramref name="intent"/> in a new planning session over <paramref name="context"/> (a fresh context per intent).</summary>
    public async Task<PlanningResult> PlanAsync(string intent, ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(context);
        var clauses = IntentText.Split(intent);
        if (clauses.Count == 0)
        {
            return NotUnderstood("Say what you would like to do.");
        }

        var matched = new List<(Rule Rule, Match Match)>();
        foreach (var clause in clauses)
        {
            if (Destructive().IsMatch(clause) && !DeleteSnapshot().IsMatch(clause) && !Rollback().IsMatch(clause))
            {
                return NotUnderstood($"I do not plan \"{clause}\": deleting or wiping guests and nodes is never planned for you. I can delete a named snapshot (\"delete snapshot before-upgrade of 201\") or roll a guest back to one (\"rollback 201 to before-upgrade\").");
            }

            var rule = _rules.Select(r => (Rule: r, Match: r.Pattern.Match(clause))).FirstOrDefault(r => r.Match.Success);
            if (rule.Rule is null)
            {
                return NotUnderstood(clauses.Count == 1 ? $"I did not understand \"{clause}\"." : $"I did not understand the part \"{clause}\", so I planned nothing.");
            }

            matched.Add(rule);
        }

        var run = new PlanningRun(new PlanningSession(_catalog, context), cancellationToken);
        foreach (var (rule, match) in matched)
        {
            if (!await rule.Handle(match, run).ConfigureAwait(false))
            {
                break;
            }
        }

        if (run.Problems.Count > 0)
        {
            var queued = run.Session.Steps.Count;
            return new PlanningResult
            {
                Outcome = PlanningOutcome.Refused,
                Text = $"I cannot plan this as asked{(queued > 0 ? $" (the {queued} step{(queued == 1 ? "" : "s")} before it were dropped too)" : "")}: {string.Join(" ", run.Problems)}",
                Problems = run.Problems,
                Data = run.Data,
            };
        }

        if (run.Session.Steps.Count > 0)
        {
            var plan = run.Session.BuildPlan(intent, "rule-based");
            var text = new StringBuilder(plan.Summary);
            foreach (var answer in run.Answers)
            {
                text.Append('\n').Append(answer);
            }

            return new PlanningResult { Outcome = PlanningOutcome.Plan, Text = text.ToString(), Plan = plan, Data = run.Data };
        }

        return new PlanningResult
        {
            Outcome = PlanningOutcome.Answer,
            Text = run.Answers.Count > 0 ? string.Join("\n", run.Answers) : "Nothing to do.",
            Data = run.Data,
        };
    }

    private static PlanningResult NotUnderstood(string text) => new()
    {
        Outcome = PlanningOutcome.NotUnderstood,
        Text = $"{text} Things I can do, for example: {string.Join("; ", Examples.Take(8).Select(e => $"\"{e}\""))}.",
        Examples = Examples,
    };

    private static string? Optional(Match match, string group) => match.Groups[group] is { Success: true, Value.Length: > 0 } g ? g.Value : null;

    private static async Task<bool> StatusAsync(PlanningRun run)
    {
        if (await run.ReadAsync<ClusterStatus>("cluster_status").ConfigureAwait(false) is not { } status)
        {
            return false;
        }

        run.Answer(AnswerText.Status(status));
        return true;
    }

    private static async Task<bool> RunningWhereAsync(PlanningRun run)
    {
        if (await run.ReadAsync<GuestList>("list_guests", ("status", "running")).ConfigureAwait(false) is not { } running)
        {
            return false;
        }

        run.Answer(AnswerText.RunningWhere(running));
        return true;
    }

    private static async Task<bool> RunningOnAsync(PlanningRun run, string node)
    {
        if (await run.ReadAsync<GuestList>("list_guests", ("node", node), ("status", "running")).ConfigureAwait(false) is not { } running)
        {
            return false;
        }

        var snapshot = await run.Session.Context.GetSnapshotAsync(false, run.CancellationToken).ConfigureAwait(false);
        NodeResolver.TryResolve(snapshot, node, out var found, out _);
        run.Answer(running.Guests.Count == 0
            ? $"Nothing is running on {found.Name}."
            : $"Running on {found.Name}: {string.Join(", ", running.Guests.Select(AnswerText.Guest))}.");
        return true;
    }

    private static async Task<bool> WhereShouldRunAsync(PlanningRun run, string phrase)
    {
        if (TaskOf(phrase) is not { } task)
        {
            run.Problem($"I do not know the task \"{phrase}\": name a task type ({string.Join(", ", TaskType.BuiltIn.Select(t => t.Name))}) or a model.");
            return false;
        }

        if (await run.ReadAsync<RouteResult>("route_task", ("task", task.Type), ("model", task.Model)).ConfigureAwait(false) is not { } route)
        {
            return false;
        }

        run.Answer(AnswerText.Route(route));
        return true;
    }

    private static async Task<bool> GpuStatusAsync(PlanningRun run, string? node)
    {
        if (await run.ReadAsync<GpuList>("gpu_status", ("node", node)).ConfigureAwait(false) is not { } gpus)
        {
            return false;
        }

        run.Answer(AnswerText.Gpus(gpus));
        return true;
    }

    private static async Task<bool> ModelsAsync(PlanningRun run)
    {
        if (await run.ReadAsync<ModelList>("loaded_models").ConfigureAwait(false) is not { } models)
        {
            return false;
        }

        run.Answer(AnswerText.Models(models));
        return true;
    }

    /// <summary>A guest verb; a node named where a guest belongs gets a hint instead of a did-you-mean list.</summary>
    private static async Task<bool> GuestWriteAsync(PlanningRun run, string tool, string guest, params (string Name, object? Value)[] more)
    {
        var snapshot = await run.Session.Context.GetSnapshotAsync(false, run.CancellationToken).ConfigureAwait(false);
        var text = guest.Trim();
        if (snapshot.FindNode(text) is { } node && !GuestResolver.TryResolve(snapshot, text, out _, out _))
        {
            run.Problem(tool switch
            {
                "start_guest" => $"{node.Name} is a node, not a guest: say \"wake {node.Name}\" to wake it, or name a guest to start.",
                "shutdown_guest" or "stop_guest" => $"{node.Name} is a node, not a guest: say \"drain {node.Name}\" to move its guests off, or name a guest.",
                _ => $"{node.Name} is a node, not a guest: name a guest (id or name).",
            });
            return false;
        }

        return await run.WriteAsync(tool, [("guest", text), .. more]).ConfigureAwait(false);
    }

    private static async Task<bool> SnapshotEveryAsync(PlanningRun run, string node, string? name)
    {
        if (await run.ReadAsync<GuestList>("list_guests", ("node", node)).ConfigureAwait(false) is not { } guests)
        {
            return false;
        }

        var templates = guests.Guests.Where(g => g.Template == true).ToList();
        var targets = guests.Guests.Where(g => g.Template != true).ToList();
        if (targets.Count == 0)
        {
            run.Note($"{node} has no guests to snapshot.");
            return true;
        }

        foreach (var guest in targets)
        {
            if (await run.TryWriteAsync("create_snapshot", ("guest", guest.Vmid.ToString(CultureInfo.InvariantCulture)), ("name", name)).ConfigureAwait(false) is { } error)
            {
                run.Note($"Skipped {AnswerText.Guest(guest)}: {error.Error}");
            }
        }

        if (templates.Count > 0)
        {
            run.Note($"Templates are not snapshotted: {string.Join(", ", templates.Select(AnswerText.Guest))}.");
        }

        return true;
    }

    private static async Task<bool> MigrateEveryAsync(PlanningRun run, string node, string target) =>
        await MoveGuestsOffAsync(run, node, target, runningOnly: false).ConfigureAwait(false);

    private static async Task<bool> DrainAsync(PlanningRun run, string node)
    {
        if (!await MoveGuestsOffAsync(run, node, null, runningOnly: true).ConfigureAwait(false))
        {
            return false;
        }

        if (run.Session.Steps.Count == 0)
        {
            run.Answer($"Nothing can be drained from {node}.");
        }

        return true;
    }

    /// <summary>
    /// Migrates the guests of a node one by one (to <paramref name="target"/>, or each to the node with most free memory
    /// as projected after the moves before it), skipping and naming those tied to the node by local devices.
    /// </summary>
    private static async Task<bool> MoveGuestsOffAsync(PlanningRun run, string node, string? target, bool runningOnly)
    {
        if (await run.ReadAsync<GuestList>("list_guests", ("node", node)).ConfigureAwait(false) is not { } guests)
        {
            return false;
        }

        var staying = new List<GuestRow>();
        foreach (var guest in guests.Guests)
        {
            if (guest.Template == true || (runningOnly && guest.Status != "running"))
            {
                staying.Add(guest);
                continue;
            }

            var id = guest.Vmid.ToString(CultureInfo.InvariantCulture);
            if (await run.ReadAsync<GuestDetails>("get_guest", ("guest", id)).ConfigureAwait(false) is not { } details)
            {
                return false;
            }

            if (!details.Migratable)
            {
                run.Note($"{AnswerText.Guest(guest)} stays on {guest.Node}: it uses local devices ({string.Join(", ", details.LocalDevices ?? [])}).");
                continue;
            }

            if (await run.TryWriteAsync("migrate_guest", ("guest", id), ("target", target)).ConfigureAwait(false) is { } error)
            {
                run.Note($"{AnswerText.Guest(guest)} stays on {guest.Node}: {error.Error}");
            }
        }

        if (staying.Count > 0)
        {
            run.Note($"Not moved ({(runningOnly ? "stopped or templates" : "templates")}): {string.Join(", ", staying.Select(AnswerText.Guest))}.");
        }

        return true;
    }

    private static async Task<bool> FreeGpusAsync(PlanningRun run, string node)
    {
        if (await run.ReadAsync<GuestList>("list_guests", ("node", node), ("status", "running")).ConfigureAwait(false) is not { } running)
        {
            return false;
        }

        var holders = 0;
        foreach (var guest in running.Guests.Where(g => g.Type == "vm"))
        {
            if (await run.ReadAsync<GuestDetails>("get_guest", ("guest", guest.Vmid.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false) is not { } details)
            {
                return false;
            }

            if (details.Gpus is not { Count: > 0 } gpus)
            {
                continue;
            }

            holders++;
            var services = details.Services is { Count: > 0 } s ? $"; this stops {string.Join(", ", s)}" : "";
            if (!await run.WriteAsync("shutdown_guest", ("guest", details.Vmid.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false))
            {
                return false;
            }

            run.Note($"{AnswerText.Guest(guest)} holds {string.Join(", ", gpus)} and is shut down to free them{services}.");
        }

        if (holders == 0)
        {
            run.Answer($"No running VM on {node} passes a GPU through, so its GPUs are not held by a guest; see gpu_status for what uses them.");
        }

        return true;
    }

    private static async Task<bool> RunTaskAsync(PlanningRun run, string task, string? model, string? input, string? file)
    {
        if (await run.ReadAsync<RouteResult>("route_task", ("task", task), ("model", model)).ConfigureAwait(false) is not { } route)
        {
            return false;
        }

        if (route.Choice is { NeedsWake: true } choice && !await run.WriteAsync("wake_node", ("node", choice.Node)).ConfigureAwait(false))
        {
            return false;
        }

        return await run.WriteAsync("run_task", ("task", task), ("model", model), ("input", input), ("file", file)).ConfigureAwait(false);
    }

    /// <summary>The task type (and model) a phrase names: a type name, a synonym, or a known model.</summary>
    private static (string Type, string? Model)? TaskOf(string phrase)
    {
        var text = IntentText.Unquote(phrase).Trim();
        if (TaskType.BuiltIn.FirstOrDefault(t => string.Equals(t.Name, text, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            return (exact.Name, null);
        }

        var lower = text.ToLowerInvariant();
        string? type = lower switch
        {
            _ when lower.Contains("speech", StringComparison.Ordinal) || lower.Contains("transcri", StringComparison.Ordinal) || lower.Contains("whisper", StringComparison.Ordinal) => TaskType.SpeechToText.Name,
            _ when lower.Contains("embed", StringComparison.Ordinal) => TaskType.Embeddings.Name,
            _ when lower.Contains("video", StringComparison.Ordinal) => TaskType.VideoGeneration.Name,
            _ when lower.Contains("image", StringComparison.Ordinal) || lower.Contains("diffusion", StringComparison.Ordinal) => TaskType.ImageGeneration.Name,
            _ when lower.Contains("train", StringComparison.Ordinal) || lower.Contains("fine-tun", StringComparison.Ordinal) => TaskType.Training.Name,
            _ when lower.Contains("preprocess", StringComparison.Ordinal) => TaskType.Preprocessing.Name,
            _ when lower.Contains("llm", StringComparison.Ordinal) || lower.Contains("chat", StringComparison.Ordinal) || lower.Contains("inference", StringComparison.Ordinal) => TaskType.LlmInference.Name,
            _ => null,
        };
        if (type is not null)
        {
            return (type, null);
        }

        return ModelCatalog.Find(text) is { IsEstimate: false } model
            ? (model.Kind switch
            {
                ModelKind.SpeechToText => TaskType.SpeechToText.Name,
                ModelKind.Embedding => TaskType.Embeddings.Name,
                ModelKind.ImageGeneration => TaskType.ImageGeneration.Name,
                _ => TaskType.LlmInference.Name,
            }, text)
            : null;
    }

    private sealed record Rule(Regex Pattern, Func<Match, PlanningRun, Task<bool>> Handle);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^(?:show (?:me )?(?:the )?|what(?:'s| is) the |get (?:the )?)?(?:cluster )?(?:status|overview)(?: of the cluster)?$|^how(?:'s| is) the cluster(?: doing)?$", Options)]
    private static partial Regex Status();

    [GeneratedRegex(@"^(?:what(?:'s| is)|what are) running(?: and)? where$|^what runs where$|^where is everything(?: running)?$|^what(?:'s| is) running$", Options)]
    private static partial Regex RunningWhere();

    [GeneratedRegex(@"^(?:what(?:'s| is) running|what runs|(?:list|show)(?: me)?(?: the)?(?: running)? (?:guests|vms|containers)(?: running)?) on (?:node )?(?<node>[\w.-]+)$", Options)]
    private static partial Regex RunningOn();

    [GeneratedRegex(@"^where (?:should|would|will|can|could|does|do) (?:i run )?(?:a |an |the |my )?(?<task>.+?)(?: task| job)?(?: \w+)? (?:run|go|be run|be placed)$|^where (?:should|would|can) (?:i|we) run (?:a |an |the |my )?(?<task>.+?)$|^where to run (?:a |an |the )?(?<task>.+)$|^(?:route|explain(?: the)? route(?: for)?) (?:a |an |the )?(?<task>.+)$", Options)]
    private static partial Regex WhereShouldRun();

    [GeneratedRegex(@"^(?:show |list )?(?:the )?gpus?(?: status| usage)?(?: on (?<node>[\w.-]+))?$|^gpu status(?: on (?<node>[\w.-]+))?$", Options)]
    private static partial Regex GpuStatus();

    [GeneratedRegex(@"^(?:which|what) models are (?:loaded|warm|running)(?: where)?$|^(?:show |list )?(?:the )?loaded models$", Options)]
    private static partial Regex ModelsLoaded();

    [GeneratedRegex(@"^free(?: up)? (?:the |all )?(?:gpus?|graphics cards?)(?: (?:on|of|in))? (?:node )?(?<node>[\w.-]+)$|^free(?: up)? (?<node>[\w.-]+?)'s gpus$", Options)]
    private static partial Regex FreeGpus();

    [GeneratedRegex(@"^(?:drain|evacuate|empty)(?: node)? (?<node>[\w.-]+)$", Options)]
    private static partial Regex Drain();

    [GeneratedRegex(@"^wake(?: up)?(?: node)? (?<node>[\w.-]+)(?: up)?$", Options)]
    private static partial Regex Wake();

    [GeneratedRegex(@"^(?:snapshot|take (?:a )?snapshots? of) (?:every|all|each)(?: the)? (?:vms?|guests?|containers?|cts?|machines?)(?: and (?:containers?|cts?))? on (?:node )?(?<node>[\w.-]+?)(?: (?:as|named|called) (?<name>\S+))?$", Options)]
    private static partial Regex SnapshotEvery();

    [GeneratedRegex(@"^(?:migrate|move) (?:every|all|each)(?: the)? (?:vms?|guests?|containers?|cts?|machines?) (?:on|from|off)(?: node)? (?<node>[\w.-]+) to(?: node)? (?<target>[\w.-]+)$", Options)]
    private static partial Regex MigrateEvery();

    [GeneratedRegex(@"^delete (?:the )?snapshot (?<name>\S+) (?:of|on|from) (?<guest>.+)$", Options)]
    private static partial Regex DeleteSnapshot();

    [GeneratedRegex(@"^(?:roll ?back|rollback) (?<guest>.+?) to (?:the )?(?:snapshot )?(?<name>\S+)$", Options)]
    private static partial Regex Rollback();

    [GeneratedRegex(@"^(?:snapshot|take (?:a )?snapshot of) (?<guest>.+?)(?: (?:as|named|called) (?<name>\S+))?$", Options)]
    private static partial Regex Snapshot();

    [GeneratedRegex(@"^(?:migrate|move) (?<guest>.+?) to(?: node)? (?<target>[\w.-]+)$", Options)]
    private static partial Regex Migrate();

    [GeneratedRegex(@"^(?:shut ?down|turn off|power off|power down) (?<guest>.+)$|^shut (?<guest>.+) down$", Options)]
    private static partial Regex Shutdown();

    [GeneratedRegex(@"^(?:stop|hard[- ]stop|kill) (?<guest>.+)$", Options)]
    private static partial Regex Stop();

    [GeneratedRegex(@"^(?:reboot|restart) (?<guest>.+)$", Options)]
    private static partial Regex Reboot();

    [GeneratedRegex(@"^(?:start|boot|power on|turn on|start up) (?<guest>.+)$", Options)]
    private static partial Regex Start();

    [GeneratedRegex(@"^transcribe (?:the (?:file|recording) )?(?<file>\S.*)$", Options)]
    private static partial Regex Transcribe();

    [GeneratedRegex(@"^(?:ask|prompt|chat with) (?<model>[\w.:/-]+?)\s*:\s+(?<prompt>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex AskModel();

    [GeneratedRegex(@"^ask (?<prompt>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex Ask();

    [GeneratedRegex(@"^embed (?<text>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex Embed();

    [GeneratedRegex(@"^(?:generate|create|draw|make) (?:me )?(?:an? )?(?:image|picture|photo|drawing)s? (?:of |showing |with )?(?<prompt>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex GenerateImage();

    [GeneratedRegex(@"^(?:delete|destroy|wipe|remove|purge|erase|format)\b|^(?:roll ?back|rollback)\b", Options)]
    private static partial Regex Destructive();
}
