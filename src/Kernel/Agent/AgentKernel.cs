using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Prompts;
using PveAgent.Kernel.ToolCalls;
using PveAgent.Plugins;
using PveAgent.Plugins.Planning;

namespace PveAgent.Kernel.Agent;

/// <summary>
/// The LLM planning loop: the tool catalog and an <see cref="IChatClient"/>. Per intent it sends the planner prompt (with
/// the cluster summary) and the catalog, then runs each tool call the model makes through a <see cref="PlanningSession"/>
/// — read tools at once, write tools queued as plan steps ("queued as step N; runs after approval") — until the model
/// answers in text or the round limit is hit. Every turn's calls, native or written as text, go through the
/// <see cref="ToolCallRepairer"/>: what is unambiguous is repaired, anything else gets one precise correction, and a call
/// that failed validation never becomes a step. Cluster text reaches the model delimited and escaped as data.
/// </summary>
/// <remarks>The kernel never invokes a tool itself: the model sees declarations only, and every call goes through the session.</remarks>
public sealed partial class AgentKernel
{
    private const string Prefix = "[PveAgent] ";
    private static readonly HashSet<string> KnownPlaceholders = new HashSet<string>(StringComparer.Ordinal) { "cluster_name", "cluster" };

    private readonly IChatClient _client;
    private readonly PromptTemplate _prompt;
    private readonly ToolCatalog _catalog;
    private readonly AgentKernelOptions _options;
    private readonly ToolCallRepairer _repairer;
    private readonly ILogger _logger;

    /// <summary>A kernel over <paramref name="client"/> with the planner prompt <paramref name="prompt"/> and the tools of <paramref name="catalog"/> (default <see cref="ToolCatalog.Default"/>).</summary>
    public AgentKernel(IChatClient client, PromptTemplate prompt, ToolCatalog? catalog = null, AgentKernelOptions? options = null, ILogger<AgentKernel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Placeholders.FirstOrDefault(p => !KnownPlaceholders.Contains(p)) is { } unknown)
        {
            throw new PromptException($"Prompt {prompt.Source ?? prompt.Name} uses {{{{{unknown}}}}}, which the planner does not fill in; it knows {string.Join(", ", KnownPlaceholders.Select(k => $"{{{{{k}}}}}"))}.");
        }

        _client = client;
        _prompt = prompt;
        _catalog = catalog ?? ToolCatalog.Default;
        _options = (options ?? new AgentKernelOptions()).Validated();
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        // Declarations only: nothing downstream (a function-invoking middleware, say) can run a tool behind the session's back.
        Tools = [.. _catalog.Tools.Select(t => AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.Schema))];
        _repairer = ToolCallRepairer.ForTools(Tools);
        Model = _options.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";
    }

    /// <summary>The model asked (recorded in plans as <c>llm:&lt;model&gt;</c>).</summary>
    public string Model { get; }

    /// <summary>The prompt version recorded in plans (<c>planner@1.0</c>).</summary>
    public string PromptVersion => _prompt.VersionTag;

    /// <summary>The tool declarations sent with every request, in catalog order.</summary>
    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>
    /// Plans <paramref name="intent"/> in a new planning session over <paramref name="context"/> (a fresh context per
    /// intent), after the earlier conversation <paramref name="history"/> (user and assistant text). An LLM failure
    /// surfaces as the connectors' <see cref="Connectors.LlmException"/>; <see cref="AgentPlanner"/> falls back on it.
    /// </summary>
    public async Task<PlanningResult> PlanAsync(string intent, ToolContext context, IReadOnlyList<ChatMessage>? history = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(intent);
        ArgumentNullException.ThrowIfNull(context);
        var run = new Run(this, new PlanningSession(_catalog, context), intent.Trim());
        var snapshot = await context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        var chatOptions = new ChatOptions
        {
            Instructions = _prompt.Render(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["cluster_name"] = UntrustedText.Escape(context.Config.Cluster.Name),
                ["cluster"] = ClusterSummary.Render(snapshot),
            }),
            Tools = [.. Tools],
            Temperature = _options.Temperature,
            ModelId = _options.ModelId,
        };

        var messages = new List<ChatMessage>();
        if (history is { Count: > 0 })
        {
            messages.AddRange(history.Skip(Math.Max(0, history.Count - _options.MaxHistoryMessages)));
        }

        messages.Add(new ChatMessage(ChatRole.User, run.Intent));
        await run.ExecuteAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        return run.Result();
    }

    private async Task<ChatResponse> AskAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken) =>
        _options.Streaming
            ? await _client.GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false)
            : await _client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);

    /// <summary>One assistant turn as one message: servers may split it over several.</summary>
    private static ChatMessage Reply(ChatResponse response) =>
        new(ChatRole.Assistant, [.. response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents)]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM round {Round} of {Max}: {Calls} tool call(s), {Rejected} rejected, {Repaired} repaired")]
    private static partial void LogRound(ILogger logger, int round, int max, int calls, int rejected, int repaired);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} → {Kind}")]
    private static partial void LogCall(ILogger logger, string tool, ToolInvocationKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} repeated {Count} times → {Action}")]
    private static partial void LogRepeat(ILogger logger, string tool, RepeatedCallAction action, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM planning stopped early: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);

    /// <summary>The state of planning one intent.</summary>
    private sealed class Run(AgentKernel kernel, PlanningSession session, string intent)
    {
        private readonly RepeatedCallDetector _repeats = new(kernel._options.RepeatStopAt);
        private readonly HashSet<string> _corrected = new(StringComparer.Ordinal);
        private readonly List<JsonElement> _data = [];
        private int _rounds;
        private bool _nudgedEmpty;
        private string? _answer;
        private string? _stopped;
        private string? _lastWriteError;

        public string Intent { get; } = intent;

        public async Task ExecuteAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
        {
            while (_answer is null && _stopped is null)
            {
                if (_rounds == kernel._options.MaxRounds)
                {
                    Stop($"the model did not finish within {kernel._options.MaxRounds} round trips (agent: max_rounds)");
                    break;
                }

                var response = await kernel.AskAsync(messages, options, cancellationToken).ConfigureAwait(false);
                _rounds++;
                var reply = Reply(response);
                var repair = kernel._repairer.Repair(reply);
                var prose = (repair.HadToolCallText ? repair.RemainingText : reply.Text)?.Trim() ?? "";
                var repaired = repair.Calls.Count(c => c.WasRepaired);
                LogRound(kernel._logger, _rounds, kernel._options.MaxRounds, repair.Calls.Count, repair.Rejected.Count, repaired);

                if (repair.Calls.Count == 0 && repair.Rejected.Count == 0)
                {
                    if (prose.Length > 0)
                    {
                        _answer = prose;
                    }
                    else if (_nudgedEmpty)
                    {
                        Stop("the model sent empty replies (no text and no tool call)");
                    }
                    else
                    {
                        // Small models sometimes answer nothing at all when given tools (ollama#10899); ask once.
                        _nudgedEmpty = true;
                        messages.Add(new ChatMessage(ChatRole.User, Prefix + "Your reply was empty. Call a tool, or answer in text."));
                    }

                    continue;
                }

                await HandleCallsAsync(messages, repair, prose, reply.Text, cancellationToken).ConfigureAwait(false);
            }
        }

        public PlanningResult Result()
        {
            var planner = $"llm:{kernel.Model}";
            IReadOnlyList<string> problems = _stopped is null ? [] : [_stopped];
            if (session.Steps.Count > 0)
            {
                var plan = session.BuildPlan(Intent, planner, kernel.PromptVersion);
                var text = _answer ?? plan.Summary;
                return new PlanningResult
                {
                    Outcome = PlanningOutcome.Plan,
                    Text = _stopped is null ? text : $"{text}\nWarning: {_stopped}; the plan may be incomplete — check it before approving.",
                    Plan = plan,
                    Data = _data,
                    Problems = problems,
                    Planner = planner,
                    LlmRoundTrips = _rounds,
                };
            }

            if (_answer is null)
            {
                return new PlanningResult
                {
                    Outcome = PlanningOutcome.NotUnderstood,
                    Text = $"The model ({kernel.Model}) made no plan: {_stopped}. Rephrase the request, or try a larger model.",
                    Data = _data,
                    Problems = problems,
                    Examples = RuleBasedPlanner.Examples,
                    Planner = planner,
                    LlmRoundTrips = _rounds,
                };
            }

            return new PlanningResult
            {
                Outcome = _lastWriteError is null ? PlanningOutcome.Answer : PlanningOutcome.Refused,
                Text = _answer,
                Data = _data,
                Problems = _lastWriteError is null ? problems : [_lastWriteError, .. problems],
                Planner = planner,
                LlmRoundTrips = _rounds,
            };
        }

        private async Task HandleCallsAsync(List<ChatMessage> messages, ToolCallRepairResult repair, string prose, string written, CancellationToken cancellationToken)
        {
            var assistant = new List<AIContent>();

            // A turn with nothing usable keeps what the model wrote, so the correction that follows has something to refer to.
            var text = repair.Calls.Count == 0 && repair.HadToolCallText ? written.Trim() : prose;
            if (text.Length > 0)
            {
                assistant.Add(new TextContent(text));
            }

            var results = new List<AIContent>();
            foreach (var call in repair.Calls)
            {
                assistant.Add(call.ToFunctionCallContent());
                results.Add(new FunctionResultContent(call.CallId, await ResultOfAsync(call, cancellationToken).ConfigureAwait(false)));
            }

            if (assistant.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, assistant));
            }

            if (results.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Tool, results));
            }

            if (repair.Rejected.Count == 0)
            {
                return;
            }

            // One precise correction per problem: a model that repeats a corrected mistake is not going to fix it.
            var fresh = repair.Corrections.Distinct(StringComparer.Ordinal).Where(c => !_corrected.Contains(c)).ToList();
            if (fresh.Count == 0)
            {
                Stop($"the model repeated a tool call it had been told how to correct ({Shorten(repair.Corrections[0])})");
                return;
            }

            _corrected.UnionWith(fresh);
            messages.Add(new ChatMessage(ChatRole.User, Prefix + string.Join("\n", fresh)));
        }

        private async Task<string> ResultOfAsync(RepairedToolCall call, CancellationToken cancellationToken)
        {
            var check = _repeats.Observe(call);
            if (check.Action == RepeatedCallAction.Stop)
            {
                Stop($"the model called {call.Name} {check.Count} times with the same arguments");
            }

            if (check.Action != RepeatedCallAction.Proceed)
            {
                LogRepeat(kernel._logger, call.Name, check.Action, check.Count);
                return check.Message!;
            }

            var arguments = ToolArgumentJson.ToJsonObject(call.Arguments.Select(a => KeyValuePair.Create(a.Key, (object?)a.Value)));
            var invocation = await session.InvokeAsync(call.Name, arguments, null, cancellationToken).ConfigureAwait(false);
            LogCall(kernel._logger, call.Name, invocation.Kind);
            var budget = kernel._options.ResultBudgetTokens * 4;
            var body = UntrustedText.ToolResult(call.Name, UntrustedText.Json(invocation.Json, budget));
            switch (invocation.Kind)
            {
                case ToolInvocationKind.Result:
                    _data.Add(invocation.Json);
                    return body;
                case ToolInvocationKind.Queued:
                    _lastWriteError = null;
                    return $"Queued as step {invocation.Step!.Index}; it runs after approval.\n{body}";
                default:
                    if (kernel._catalog.Find(call.Name) is { IsReadOnly: false })
                    {
                        _lastWriteError = invocation.Error!.DidYouMean is { Count: > 0 } near
                            ? $"{invocation.Error.Error} Did you mean: {string.Join(", ", near)}?"
                            : invocation.Error.Error;
                    }

                    return body;
            }
        }

        private void Stop(string reason)
        {
            _stopped ??= reason;
            LogStopped(kernel._logger, reason);
        }

        private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
    }
}
