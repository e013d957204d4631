namespace PveAgent.Core.Plans;

/// <summary>Wake a sleeping node with Wake-on-LAN (sent through another node's API) and wait until it rejoins.</summary>
public sealed record WakeNodeAction(string Node, string Via) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() => $"wake {Node} (Wake-on-LAN via {Via}) and wait until it is online";
}
