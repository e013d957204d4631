namespace PveAgent.Core.Plans;

/// <summary>
/// Run an AI task on the node and service the router chose; <c>PowersOn</c> when that first means waking the node or
/// starting the service's guest (then it is a change to the cluster, not just a request).
/// </summary>
public sealed record RunTaskAction(string TaskType, string? Model, string? Input, string? InputFile, string Node, string Service, bool PowersOn = false) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"run {TaskType}{(Model is null ? "" : $" with {Model}")} on {Node}/{Service}{(PowersOn ? " (powers on its node or the service's guest first)" : "")}";
}
