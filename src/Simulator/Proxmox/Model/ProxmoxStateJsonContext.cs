using System.Text.Json.Serialization;

namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>Source-generated serialisation of the simulated world (the <c>proxmox</c> section of the state file).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProxmoxWorld))]
internal sealed partial class ProxmoxStateJsonContext : JsonSerializerContext;
