using PveAgent.Core.Registry;
using PveAgent.Guardrails;

namespace PveAgent.Mcp;

/// <summary>
/// The guardrails as the MCP server applies them to what it lists. An AI client drives this server, so it is read-only
/// unless <c>cluster.yaml</c> says otherwise: without a <c>guardrails:</c> section no write tool is listed (the CLI's
/// default, approve-writes, needs a person at a terminal anyway). With a section, its mode decides; tools the policy
/// would always deny (<c>denied_tools</c>, or missing from <c>allowed_tools</c>) are not listed either.
/// </summary>
internal sealed class McpPolicy
{
    private McpPolicy(GuardrailPolicy policy, bool stated)
    {
        Policy = policy;
        Stated = stated;
    }

    /// <summary>The policy in force.</summary>
    public GuardrailPolicy Policy { get; }

    /// <summary>True when <c>cluster.yaml</c> has a <c>guardrails:</c> section.</summary>
    public bool Stated { get; }

    /// <summary>True when write tools are listed and may become plans.</summary>
    public bool AllowsWrites => Policy.Mode != GuardrailMode.ReadOnly;

    /// <summary>Read-only, for when <c>cluster.yaml</c> cannot be read at all.</summary>
    public static McpPolicy ReadOnlyFallback { get; } = new(GuardrailPolicy.Default with { Mode = GuardrailMode.ReadOnly }, stated: false);

    /// <summary>
    /// The policy of a <c>guardrails:</c> section that states only <paramref name="mode"/>, as <see cref="GuardrailsPeek"/>
    /// reads it before the whole file is loaded: enough to decide the listing, not the verdicts.
    /// </summary>
    public static McpPolicy Declared(GuardrailMode mode) => new(GuardrailPolicy.Default with { Mode = mode }, stated: true);

    /// <summary>The policy of <paramref name="config"/>.</summary>
    public static McpPolicy For(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // The guardrails binder stores the shared default instance exactly when the section is absent.
        var policy = config.Sections.Get<GuardrailPolicy>();
        return policy is null || ReferenceEquals(policy, GuardrailPolicy.Default)
            ? ReadOnlyFallback
            : new McpPolicy(policy, stated: true);
    }

    /// <summary>Why the write tool <paramref name="tool"/> is not offered, or null when it is.</summary>
    public string? WhyHidden(string tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (!AllowsWrites)
        {
            return Stated
                ? $"'{tool}' changes the cluster, and guardrails.mode in cluster.yaml is read-only; set mode: approve-writes there to let this server propose changes (each still needs a person's approval)"
                : $"'{tool}' changes the cluster, and this MCP server is read-only unless cluster.yaml says otherwise: add `guardrails:` with `mode: approve-writes` to let it propose changes (each still needs a person's approval)";
        }

        if (Policy.DeniedTools.Contains(tool, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{tool}' is in guardrails.denied_tools in cluster.yaml";
        }

        return Policy.AllowedTools is { } allowed && !allowed.Contains(tool, StringComparer.OrdinalIgnoreCase)
            ? $"'{tool}' is not in guardrails.allowed_tools in cluster.yaml"
            : null;
    }

    /// <summary>The mode as written in <c>cluster.yaml</c>.</summary>
    public string ModeName => GuardrailsSectionBinder.ModeName(Policy.Mode);
}
