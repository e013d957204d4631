using System.Text.Json;

namespace PveAgent.Core.Simulation;

/// <summary>The result of comparing routing policies on one workload, cluster and seed.</summary>
public sealed record ComparisonReport
{
    /// <summary>Workload name.</summary>
    public required string Workload { get; init; }

    /// <summary>Minutes of arrivals simulated.</summary>
    public required double Minutes { get; init; }

    /// <summary>Seed of the arrival sequence (and of the random policy).</summary>
    public required int Seed { get; init; }

    /// <summary>Cluster name.</summary>
    public required string Cluster { get; init; }

    /// <summary>Nodes in the cluster.</summary>
    public required int Nodes { get; init; }

    /// <summary>Tasks in the arrival sequence every policy saw.</summary>
    public required int Tasks { get; init; }

    /// <summary>What no policy can beat on these arrivals: each task alone, warm, on its fastest place.</summary>
    public required LatencyFloor Floor { get; init; }

    /// <summary>One result per policy, in the order asked for.</summary>
    public required IReadOnlyList<PolicyResult> Policies { get; init; }

    /// <summary>The result of <paramref name="policy"/>, or null.</summary>
    public PolicyResult? Find(string policy) => Policies.FirstOrDefault(p => p.Policy == policy);

    /// <summary>The report as <c>{workload, minutes, seed, policies: [{policy, p50_ms, p95_ms, p99_ms, warm_hit_rate, utilization, energy_kwh, failed}]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new ComparisonJson(Workload, Minutes, Seed, [.. Policies.Select(p => new PolicyJson(
            p.Policy, Math.Round(p.P50Ms, 1), Math.Round(p.P95Ms, 1), Math.Round(p.P99Ms, 1),
            Math.Round(p.WarmHitRate, 4), Math.Round(p.Utilization, 4), Math.Round(p.EnergyKwh, 4), p.Failed))]),
        SimulationJsonContext.Default.ComparisonJson);
}
