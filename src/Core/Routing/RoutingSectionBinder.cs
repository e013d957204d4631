using PveAgent.Core.Registry;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Routing;

/// <summary>
/// Binds the optional <c>routing:</c> section of cluster.yaml to <see cref="RoutingOptions"/>: every weight by its
/// snake_case name, each a number ≥ 0 (integers for the counts), unknown keys reported with "did you mean".
/// <c>energy_price_per_kwh</c> is not here: it comes from <c>cluster.energy_price_per_kwh</c>.
/// </summary>
public sealed class RoutingSectionBinder : IConfigSectionBinder
{
    private static readonly (string Key, Func<RoutingOptions, double, RoutingOptions> Set)[] Weights =
    [
        ("warm_model_bonus", (o, v) => o with { WarmModelBonus = v }),
        ("cold_start_per_second", (o, v) => o with { ColdStartPerSecond = v }),
        ("eviction_penalty", (o, v) => o with { EvictionPenalty = v }),
        ("second_copy_penalty", (o, v) => o with { SecondCopyPenalty = v }),
        ("memory_wait_penalty", (o, v) => o with { MemoryWaitPenalty = v }),
        ("memory_wait_seconds", (o, v) => o with { MemoryWaitSeconds = v }),
        ("load_weight", (o, v) => o with { LoadWeight = v }),
        ("queue_depth_per_request", (o, v) => o with { QueueDepthPerRequest = v }),
        ("vram_headroom_weight", (o, v) => o with { VramHeadroomWeight = v }),
        ("measured_latency_per_second", (o, v) => o with { MeasuredLatencyPerSecond = v }),
        ("service_time_per_second", (o, v) => o with { ServiceTimePerSecond = v }),
        ("wake_per_second", (o, v) => o with { WakePerSecond = v }),
        ("guest_start_per_second", (o, v) => o with { GuestStartPerSecond = v }),
        ("power_cost_per_currency_unit", (o, v) => o with { PowerCostPerCurrencyUnit = v }),
        ("vm_start_seconds", (o, v) => o with { VmStartSeconds = v }),
        ("container_start_seconds", (o, v) => o with { ContainerStartSeconds = v }),
    ];

    private static readonly string[] Keys =
        [.. Weights.Select(w => w.Key), "small_model_max_billions", "measured_latency_min_samples", "max_candidates", "wake_only_when_needed", "ollama_pulls_on_demand"];

    /// <inheritdoc />
    public string SectionName => "routing";

    /// <summary>The routing options of <paramref name="config"/>: its <c>routing:</c> section (defaults when absent) with the cluster's energy price.</summary>
    public static RoutingOptions OptionsFor(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = config.Sections.Get<RoutingOptions>() ?? RoutingOptions.Default;
        return options with { EnergyPricePerKwh = config.Cluster.EnergyPricePerKwh };
    }

    /// <inheritdoc />
    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (section is null || ConfigBindingContext.IsNull(section))
        {
            return;
        }

        if (context.ReadMapping(section, "routing", Keys) is not { } mapping)
        {
            return;
        }

        var options = RoutingOptions.Default;
        foreach (var (key, set) in Weights)
        {
            if (mapping.GetNumber(key, min: 0, rangeHint: "a weight is a number ≥ 0 (0 switches that part off)") is { } value)
            {
                options = set(options, value);
            }
        }

        if (mapping.GetNumber("small_model_max_billions", min: 0, minExclusive: true, rangeHint: "billions of parameters, e.g. 8") is { } small)
        {
            options = options with { SmallModelMaxBillions = small };
        }

        if (mapping.GetInt("measured_latency_min_samples", 1, 10_000) is { } samples)
        {
            options = options with { MeasuredLatencyMinSamples = samples };
        }

        if (mapping.GetInt("max_candidates", 1, 1000) is { } candidates)
        {
            options = options with { MaxCandidates = candidates };
        }

        if (mapping.GetBool("wake_only_when_needed") is { } wake)
        {
            options = options with { WakeOnlyWhenNeeded = wake };
        }

        if (mapping.GetBool("ollama_pulls_on_demand") is { } pulls)
        {
            options = options with { OllamaPullsOnDemand = pulls };
        }

        context.SetSection(options);
    }
}
