namespace PveAgent.Core.Plans;

/// <summary>Create a container from an OS template.</summary>
public sealed record CreateContainerAction(string Node, int VmId, string OsTemplate, string Hostname, int MemoryMb, int Cores, string Storage, bool Start) : ClusterAction
{
    /// <inheritdoc />
    public override ToolEffect Effect => ToolEffect.Write;

    /// <inheritdoc />
    public override string Describe() =>
        $"create CT {VmId} ({Hostname}) on {Node} from {OsTemplate}, {Cores} cores, {MemoryMb} MiB on {Storage}{(Start ? ", then start it" : "")}";
}
