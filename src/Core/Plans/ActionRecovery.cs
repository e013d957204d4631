using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Plans;

/// <summary>What <see cref="IActionRunner.RecoverAsync"/> found out about a request whose task id was never recorded.</summary>
public sealed record ActionRecovery
{
    /// <summary>The request did start a task: follow this one instead of sending the request again.</summary>
    public Upid? FoundTask { get; init; }

    /// <summary>No task found, but the effect is already there (e.g. the guest runs): treat the action as done.</summary>
    public bool EffectAlreadyPresent { get; init; }

    /// <summary>How the decision was made, for the journal and the report.</summary>
    public required string Explanation { get; init; }

    /// <summary>Neither a task nor the effect: the request never took effect and may be sent again.</summary>
    public bool NotStarted => FoundTask is null && !EffectAlreadyPresent;
}
