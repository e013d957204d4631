namespace PveAgent.Core.Plans;

/// <summary>How an apply ended (<c>apply --json</c>'s <c>status</c>).</summary>
public enum ApplyStatus
{
    /// <summary>Every step succeeded.</summary>
    Applied,

    /// <summary>A step failed; the compensations of the earlier steps ran and the later steps were skipped.</summary>
    Failed,

    /// <summary>Nothing ran: a step is denied, approval is missing, or the plan cannot be run as it is.</summary>
    Refused,

    /// <summary>Nothing ran: a fact the plan relies on no longer holds.</summary>
    Stale,
}
