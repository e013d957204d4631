namespace PveAgent.Core.Plans;

/// <summary>Run an AI task on the node and service the router chose (starting the service's guest if needed).</summary>
public sealed record RunTaskAction(string TaskType, string? Model, string? Input, string? InputFile, string Node, string Service, bool StartsGuest = false) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"run {TaskType}{(Model is null ? "" : $" with {Model}")} on {Node}/{Service}{(StartsGuest ? " (starts the service's guest first)" : "")}";
}
