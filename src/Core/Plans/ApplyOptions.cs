namespace PveAgent.Core.Plans;

/// <summary>What the caller has decided before <see cref="PlanApplier.ApplyAsync"/>.</summary>
public sealed record ApplyOptions
{
    /// <summary>A person (or a policy that permits unattended runs) approved the plan as shown; without it a plan that needs approval is refused.</summary>
    public bool Approved { get; init; }

    /// <summary>Continue an interrupted apply from its journal (<c>--resume</c>) instead of refusing a plan that is already applying.</summary>
    public bool Resume { get; init; }
}
