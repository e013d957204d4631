using System.Text.Json.Serialization;

namespace PveAgent.Core.Simulation;

/// <summary>The JSON shape of <c>pve-agent sim run --json</c>.</summary>
internal sealed record ComparisonJson(string Workload, double Minutes, int Seed, IReadOnlyList<PolicyJson> Policies);

/// <summary>One policy's line in <see cref="ComparisonJson"/>.</summary>
internal sealed record PolicyJson(string Policy, double P50Ms, double P95Ms, double P99Ms, double WarmHitRate, double Utilization, double EnergyKwh, int Failed);

/// <summary>Source-generated serialisation of the simulator's report (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ComparisonJson))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
