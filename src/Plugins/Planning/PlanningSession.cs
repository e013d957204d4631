using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Plugins.Planning;

/// <summary>
/// The one way planners (rule-based, LLM, the MCP server) call tools. Arguments are checked against the tool's schema;
/// read tools run at once and their result is returned; a write tool's <see cref="ProposedStep"/> becomes the next
/// <see cref="PlanStep"/> and the caller is told "queued as step N, runs after approval". Later write tools validate
/// against the cluster as projected after the queued steps. <see cref="BuildPlan"/> turns the steps into a <see cref="Plan"/>.
/// </summary>
/// <remarks>Not thread-safe by design: one planner drives one session, one call at a time.</remarks>
public sealed class PlanningSession
{
    private readonly List<PlanStep> _steps = [];
    private readonly List<string> _notes = [];

    /// <summary>Starts a session over <paramref name="catalog"/>'s tools; <paramref name="context"/> must be new (one context per session).</summary>
    public PlanningSession(ToolCatalog catalog, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(context);
        context.Claim();
        Catalog = catalog;
        Context = context;
    }

    /// <summary>The tools this session offers.</summary>
    public ToolCatalog Catalog { get; }

    /// <summary>The context the tools run with.</summary>
    public ToolContext Context { get; }

    /// <summary>Steps queued so far, in order.</summary>
    public IReadOnlyList<PlanStep> Steps => _steps;

    /// <summary>What the planner found out and wants in the plan's report.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Adds a line to the plan's notes (e.g. "VM 201 stays on brian: it passes GPUs through").</summary>
    public void AddNote(string note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        _notes.Add(note.Trim());
    }

    /// <summary>
    /// Calls <paramref name="toolName"/> with <paramref name="arguments"/> (a JSON object). Never throws for a bad call:
    /// an unknown tool, wrong arguments or a refused request come back as <see cref="ToolInvocationKind.Error"/>, and
    /// no step is added.
    /// </summary>
    /// <param name="toolName">Catalog name, e.g. <c>migrate_guest</c>.</param>
    /// <param name="arguments">Arguments object; undefined or null means none.</param>
    /// <param name="rationale">Why the planner makes the call; replaces the tool's default rationale of a queued step.</param>
    /// <param name="cancellationToken">Cancels reads in progress.</param>
    public async Task<ToolInvocation> InvokeAsync(string toolName, JsonElement arguments, string? rationale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        if (Catalog.Find(toolName) is not { } tool || Catalog.FindFunction(toolName) is not { } function)
        {
            var near = Catalog.Tools.Select(t => t.Name).OrderBy(n => NameDistance.Between(toolName, n)).Take(3).ToList();
            return Refused(toolName, new ToolError($"Unknown tool '{toolName}'.") { DidYouMean = near });
        }

        var (bound, problems) = ArgumentCheck.Validate(tool, arguments);
        if (bound is null)
        {
            return Refused(toolName, new ToolError($"Invalid arguments for {toolName}: {string.Join("; ", problems)}. {char.ToUpperInvariant(ArgumentCheck.Describe(tool)[0])}{ArgumentCheck.Describe(tool)[1..]}."));
        }

        object? outcome;
        try
        {
            outcome = await function.InvokeAsync(ToolCatalog.CreateArguments(Context, bound), cancellationToken).ConfigureAwait(false);
        }
        catch (PveApiException e)
        {
            // PVE's message is written for people and holds no secret; the model may see it.
            return Refused(toolName, new ToolError($"The Proxmox API refused or failed the read: {e.Message}"));
        }

        switch (outcome)
        {
            case ToolError error:
                return Refused(toolName, error);

            case ProposedStep proposed when tool.Effect != ToolEffect.Read:
                var step = Queue(tool, arguments, proposed, rationale);
                return new ToolInvocation
                {
                    Tool = toolName,
                    Kind = ToolInvocationKind.Queued,
                    Json = JsonSerializer.SerializeToElement(new QueuedStep(step.Index, step.Action.Describe()), PluginJsonContext.Wire.QueuedStep),
                    Result = proposed,
                    Step = step,
                };

            case ToolResult result when result is not ProposedStep && tool.Effect == ToolEffect.Read:
                return new ToolInvocation { Tool = toolName, Kind = ToolInvocationKind.Result, Json = ToolCatalog.ToJson(result), Result = result };

            default:
                throw new InvalidOperationException($"Tool '{toolName}' ({tool.Effect}) returned {outcome?.GetType().Name ?? "null"}: read tools return results, write tools return a ProposedStep or a ToolError.");
        }
    }

    /// <summary>
    /// The plan made so far: the steps, the facts about the cluster as first read that they rely on (each step
    /// precondition that held then), its fingerprint, a summary and the notes. Guardrail verdicts stay pending.
    /// </summary>
    /// <param name="intent">What the person asked for, verbatim.</param>
    /// <param name="planner">Who made it: <c>rule-based</c>, <c>llm:&lt;model&gt;</c>, <c>mcp</c>, <c>cli</c>.</param>
    /// <param name="promptVersion">Version of the prompt, for LLM-made plans.</param>
    public Plan BuildPlan(string intent, string planner = "rule-based", string? promptVersion = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(planner);
        var initial = Context.CurrentIfRead ?? new ClusterSnapshot { TakenAt = Context.Time.GetUtcNow(), Nodes = [], Guests = [], Services = [] };
        var facts = _steps.SelectMany(s => s.Preconditions).Distinct().Where(p => p.Check(initial).Holds).ToList();
        var fingerprint = PlanFingerprint.Compute(facts, initial);
        var createdAt = Context.Time.GetUtcNow();
        return new Plan
        {
            Id = PlanId(intent, createdAt, fingerprint),
            Intent = intent,
            CreatedAt = createdAt,
            Steps = [.. _steps],
            Preconditions = facts,
            Fingerprint = fingerprint,
            Summary = Summarize(),
            Planner = planner,
            PromptVersion = promptVersion,
            Notes = [.. _notes],
        };
    }

    private PlanStep Queue(ToolDescriptor tool, JsonElement arguments, ProposedStep proposed, string? rationale)
    {
        var index = _steps.Count + 1;
        var step = new PlanStep
        {
            Index = index,
            Tool = tool.Name,
            Arguments = arguments.ValueKind == JsonValueKind.Object ? arguments.Clone() : ToolArguments.None,
            Action = proposed.Action,
            Rationale = string.IsNullOrWhiteSpace(rationale) ? proposed.Rationale : rationale.Trim(),
            DependsOn = index > 1 ? [index - 1] : [],
            Compensation = proposed.Compensation,
            Preconditions = proposed.Preconditions,
        };
        _steps.Add(step);
        Context.AddPlanned(proposed.Action);
        return step;
    }

    private string Summarize()
    {
        if (_steps.Count == 0)
        {
            return "Nothing to change.";
        }

        var worst = _steps.Max(s => s.Effect);
        var steps = string.Join("; ", _steps.Select(s => $"{s.Index}) {s.Action.Describe()}"));
        return string.Create(CultureInfo.InvariantCulture, $"{_steps.Count} step{(_steps.Count == 1 ? "" : "s")} ({worst.ToString().ToLowerInvariant()} at most): {steps}.");
    }

    private string PlanId(string intent, DateTimeOffset createdAt, string fingerprint)
    {
        var text = new StringBuilder().Append(intent).Append('\n').Append(createdAt.ToUnixTimeMilliseconds()).Append('\n').Append(fingerprint);
        foreach (var step in _steps)
        {
            text.Append('\n').Append(step.Tool).Append(' ').Append(step.Arguments.GetRawText());
        }

        return "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..6];
    }

    private static ToolInvocation Refused(string tool, ToolError error) =>
        new() { Tool = tool, Kind = ToolInvocationKind.Error, Json = ToolCatalog.ToJson(error), Result = error };
}
