using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Tests.Routing;

public sealed class RoutingSectionBinderTests
{
    private const string Head = """
        cluster:
          name: lab
          simulate: true
          energy_price_per_kwh: 0.42
        nodes:
          a:
            host: 10.0.0.1

        """;

    private static LoadResult Load(string routing) =>
        new ClusterConfigLoader([new RoutingSectionBinder()]).Load(Head + routing, "c.yaml");

    [Fact]
    public void OptionsFor_WithoutASection_AreTheDefaultsWithTheClustersEnergyPrice()
    {
        var config = Load("").Config!;

        var options = RoutingSectionBinder.OptionsFor(config);

        Assert.Equal(RoutingOptions.Default with { EnergyPricePerKwh = 0.42 }, options);
    }

    [Fact]
    public void Bind_SetWeights_OverrideOnlyThoseWeights()
    {
        var config = Load("""
            routing:
              warm_model_bonus: 50
              second_copy_penalty: 0
              max_candidates: 3
              wake_only_when_needed: false
            """).Config!;

        var options = RoutingSectionBinder.OptionsFor(config);

        Assert.Equal(50, options.WarmModelBonus);
        Assert.Equal(0, options.SecondCopyPenalty);
        Assert.Equal(3, options.MaxCandidates);
        Assert.False(options.WakeOnlyWhenNeeded);
        Assert.Equal(RoutingOptions.Default.LoadWeight, options.LoadWeight);
    }

    [Fact]
    public void Bind_MisspelledKeyAndNegativeWeight_AreReportedWithTheirLines()
    {
        var result = Load("""
            routing:
              warm_modle_bonus: 50
              load_weight: -1
            """);

        Assert.True(result.HasErrors);
        var unknown = Assert.Single(result.Diagnostics, d => d.Message.Contains("warm_modle_bonus", StringComparison.Ordinal));
        Assert.Equal(9, unknown.Line);
        Assert.Contains("warm_model_bonus", unknown.ToString(), StringComparison.Ordinal);
        var negative = Assert.Single(result.Diagnostics, d => d.Message.Contains("load_weight", StringComparison.Ordinal));
        Assert.Equal(10, negative.Line);
    }
}
