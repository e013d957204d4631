using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>
/// Source-generated serialisation of every PVE answer the client reads. Numbers are accepted as JSON strings too (PVE sends
/// <c>loadavg</c>, <c>cpuinfo.mhz</c>, old container <c>vmid</c>s and <c>/cluster/nextid</c> that way) and booleans in any
/// of Perl's shapes (<see cref="LenientBooleanConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientBooleanConverter)])]
[JsonSerializable(typeof(PveErrorBody))]
[JsonSerializable(typeof(PveEnvelope<JsonElement>), TypeInfoPropertyName = "AnyEnvelope")]
[JsonSerializable(typeof(PveEnvelope<string>), TypeInfoPropertyName = "StringEnvelope")]
[JsonSerializable(typeof(PveEnvelope<int>), TypeInfoPropertyName = "IntEnvelope")]
[JsonSerializable(typeof(PveEnvelope<PveVersion>), TypeInfoPropertyName = "VersionEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<ClusterStatusEntry>>), TypeInfoPropertyName = "ClusterStatusEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<ClusterResource>>), TypeInfoPropertyName = "ClusterResourcesEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<ClusterTaskEntry>>), TypeInfoPropertyName = "ClusterTasksEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<PciMapping>>), TypeInfoPropertyName = "PciMappingsEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<HaResource>>), TypeInfoPropertyName = "HaResourcesEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<ResourcePool>>), TypeInfoPropertyName = "PoolsEnvelope")]
[JsonSerializable(typeof(PveEnvelope<Dictionary<string, Dictionary<string, bool>>>), TypeInfoPropertyName = "PermissionsEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<NodeSummary>>), TypeInfoPropertyName = "NodesEnvelope")]
[JsonSerializable(typeof(PveEnvelope<NodeDetails>), TypeInfoPropertyName = "NodeDetailsEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<Dictionary<string, JsonElement>>>), TypeInfoPropertyName = "RrdEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<StorageStatus>>), TypeInfoPropertyName = "StorageEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<PciDevice>>), TypeInfoPropertyName = "PciDevicesEnvelope")]
[JsonSerializable(typeof(PveEnvelope<PveTaskStatus>), TypeInfoPropertyName = "TaskStatusEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<TaskLogLine>>), TypeInfoPropertyName = "TaskLogEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<GuestSummary>>), TypeInfoPropertyName = "GuestsEnvelope")]
[JsonSerializable(typeof(PveEnvelope<GuestStatus>), TypeInfoPropertyName = "GuestStatusEnvelope")]
[JsonSerializable(typeof(PveEnvelope<Dictionary<string, JsonElement>>), TypeInfoPropertyName = "ConfigEnvelope")]
[JsonSerializable(typeof(PveEnvelope<MigratePrecondition>), TypeInfoPropertyName = "QemuMigratePreconditionEnvelope")]
[JsonSerializable(typeof(PveEnvelope<LxcMigratePreconditionWire>), TypeInfoPropertyName = "LxcMigratePreconditionEnvelope")]
[JsonSerializable(typeof(PveEnvelope<IReadOnlyList<GuestSnapshot>>), TypeInfoPropertyName = "SnapshotsEnvelope")]
internal sealed partial class PveJsonContext : JsonSerializerContext;
