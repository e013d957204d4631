namespace PveAgent.Guardrails;

/// <summary>
/// The <c>guardrails:</c> section of <c>cluster.yaml</c>: what PveAgent may do, with what approval, within which limits and
/// when. Every default is the safe one: approve every change, nothing unattended, no maintenance windows (disruptive
/// actions then may run any time, with approval as the mode says).
/// </summary>
public sealed record GuardrailPolicy
{
    /// <summary>The policy when <c>cluster.yaml</c> has no <c>guardrails:</c> section.</summary>
    public static GuardrailPolicy Default { get; } = new();

    /// <summary>How much may run without asking (default <see cref="GuardrailMode.ApproveWrites"/>).</summary>
    public GuardrailMode Mode { get; init; } = GuardrailMode.ApproveWrites;

    /// <summary>True when <c>--yes</c> may stand in for a person's approval (never for a destructive step); default false.</summary>
    public bool Unattended { get; init; }

    /// <summary>Protected guests and nodes.</summary>
    public ProtectedResources Protected { get; init; } = ProtectedResources.None;

    /// <summary>When set, the only tools a plan may use (<c>allowed_tools</c>); null allows every tool in the catalog.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Tools a plan may never use (<c>denied_tools</c>).</summary>
    public IReadOnlyList<string> DeniedTools { get; init; } = [];

    /// <summary>Numeric limits.</summary>
    public GuardrailLimits Limits { get; init; } = new();

    /// <summary>When disruptive and destructive actions may run; empty means any time.</summary>
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];
}
