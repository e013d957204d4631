namespace PveAgent.Guardrails;

/// <summary>What a plan needs before it may run, as <see cref="ApprovalPolicy.Check"/> sees it.</summary>
public sealed record ApprovalCheck
{
    /// <summary>False when a step is denied: no approval can make the plan run.</summary>
    public required bool CanApply { get; init; }

    /// <summary>True when some step needs approval.</summary>
    public required bool Needed { get; init; }

    /// <summary>True when <c>--yes</c> may give that approval (the policy permits unattended runs and no destructive step needs it).</summary>
    public required bool UnattendedAccepted { get; init; }

    /// <summary>Why, for the person: what needs approval and who may give it.</summary>
    public required string Reason { get; init; }
}
