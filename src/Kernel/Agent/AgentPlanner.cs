using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Planning;
using PveAgent.Plugins;

namespace PveAgent.Kernel.Agent;

/// <summary>
/// Plans with the LLM (<see cref="AgentKernel"/>) and, when no LLM can be used, with the <see cref="RuleBasedPlanner"/>,
/// saying so in <see cref="PlanningResult.Notice"/>. After a failure that will not fix itself (nothing listening, model
/// not pulled, no tool support, bad key) later requests go straight to the rule-based planner until <see cref="RetryLlm"/>.
/// </summary>
/// <remarks>One conversation at a time: not thread-safe.</remarks>
public sealed partial class AgentPlanner
{
    private readonly AgentKernel? _kernel;
    private readonly RuleBasedPlanner _fallback;
    private readonly ILogger _logger;
    private string? _unavailable;

    /// <summary>A planner using <paramref name="kernel"/> (null: rule-based only) with <paramref name="fallback"/> when the LLM fails.</summary>
    public AgentPlanner(AgentKernel? kernel, RuleBasedPlanner? fallback = null, ILogger<AgentPlanner>? logger = null)
    {
        _kernel = kernel;
        _fallback = fallback ?? new RuleBasedPlanner();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The LLM kernel, when one is configured.</summary>
    public AgentKernel? Kernel => _kernel;

    /// <summary>Why the LLM is not being used right now, or null when it is.</summary>
    public string? LlmUnavailable => _kernel is null ? "no LLM is configured" : _unavailable;

    /// <summary>Tries the LLM again on the next request (after the server was started or the model pulled).</summary>
    public void RetryLlm() => _unavailable = null;

    /// <summary>
    /// Plans <paramref name="intent"/>; <paramref name="newContext"/> makes the fresh <see cref="ToolContext"/> each
    /// planning session needs (a second one when the rule-based planner takes over).
    /// </summary>
    public async Task<PlanningResult> PlanAsync(string intent, Func<ToolContext> newContext, IReadOnlyList<ChatMessage>? history = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(intent);
        ArgumentNullException.ThrowIfNull(newContext);
        if (_kernel is null || _unavailable is not null)
        {
            var result = await _fallback.PlanAsync(intent, newContext(), cancellationToken).ConfigureAwait(false);
            return _kernel is null ? result : result with { Notice = $"Rule-based planner (the LLM is unavailable: {_unavailable})." };
        }

        try
        {
            return await _kernel.PlanAsync(intent, newContext(), history, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmException e)
        {
            LogFallback(_logger, e.Kind, e.Message);
            if (e.Kind is LlmErrorKind.Unreachable or LlmErrorKind.ModelNotFound or LlmErrorKind.ToolsNotSupported
                or LlmErrorKind.ServerMisconfigured or LlmErrorKind.AuthenticationFailed)
            {
                _unavailable = e.Message;
            }

            var result = await _fallback.PlanAsync(intent, newContext(), cancellationToken).ConfigureAwait(false);
            var what = e.Kind == LlmErrorKind.Unreachable ? "No LLM is reachable" : "The LLM failed";
            return result with { Notice = $"{what}: {e.Message} Planned with the rule-based planner instead." };
        }
    }

    // Information, not warning: the person already sees the fallback as a note in the output; the log keeps the detail.
    [LoggerMessage(Level = LogLevel.Information, Message = "LLM planning failed ({Kind}), falling back to the rule-based planner: {Reason}")]
    private static partial void LogFallback(ILogger logger, LlmErrorKind kind, string reason);
}
