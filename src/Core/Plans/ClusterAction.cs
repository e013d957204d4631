using System.Text.Json.Serialization;

namespace PveAgent.Core.Plans;

/// <summary>
/// One change to the cluster, fully resolved (which guest on which node, which target), as recorded in a plan step.
/// Write tools never act: they return one of these, and only the plan applier carries it out, after the guardrails and
/// approval. That is what makes "a plan can never change the cluster by itself" true by construction.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "action")]
[JsonDerivedType(typeof(StartGuestAction), "guest.start")]
[JsonDerivedType(typeof(ShutdownGuestAction), "guest.shutdown")]
[JsonDerivedType(typeof(StopGuestAction), "guest.stop")]
[JsonDerivedType(typeof(RebootGuestAction), "guest.reboot")]
[JsonDerivedType(typeof(MigrateGuestAction), "guest.migrate")]
[JsonDerivedType(typeof(CloneGuestAction), "guest.clone")]
[JsonDerivedType(typeof(DeleteGuestAction), "guest.delete")]
[JsonDerivedType(typeof(CreateContainerAction), "container.create")]
[JsonDerivedType(typeof(CreateSnapshotAction), "snapshot.create")]
[JsonDerivedType(typeof(DeleteSnapshotAction), "snapshot.delete")]
[JsonDerivedType(typeof(RollbackSnapshotAction), "snapshot.rollback")]
[JsonDerivedType(typeof(AssignGpuAction), "gpu.assign")]
[JsonDerivedType(typeof(ReleaseGpuAction), "gpu.release")]
[JsonDerivedType(typeof(WakeNodeAction), "node.wake")]
[JsonDerivedType(typeof(RunTaskAction), "task.run")]
public abstract record ClusterAction
{
    /// <summary>How disruptive the action is.</summary>
    [JsonIgnore]
    public abstract ToolEffect Effect { get; }

    /// <summary>One sentence for people: "migrate VM 105 (jellyfin) from brian to pve3 (online)".</summary>
    public abstract string Describe();
}
