using PveAgent.Core.Registry;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Tests.Registry;

/// <summary>The loader's extension point: a section added by a binder, as routing:, guardrails: and agent: will be.</summary>
public sealed class ClusterConfigLoaderSectionBinderTests
{
    private sealed record RoutingSection(bool PreferWarm, int MaxLatencyMs, bool SawSimulate);

    private sealed class RoutingBinder : IConfigSectionBinder
    {
        public string SectionName => "routing";

        public void Bind(YamlNode? section, ConfigBindingContext context)
        {
            if (section is null || context.ReadMapping(section, "'routing'", ["prefer_warm", "max_latency_ms"], context.SectionKey("routing")) is not { } routing)
            {
                return;
            }

            var preferWarm = routing.GetBool("prefer_warm") ?? true;
            var latency = routing.GetInt("max_latency_ms", min: 1, required: true);
            if (latency is { } ms)
            {
                context.SetSection(new RoutingSection(preferWarm, ms, context.GetSection<ClusterSettings>()!.Simulate));
            }
        }
    }

    private const string Yaml = """
        cluster:
          name: lab
          simulate: true
        nodes:
          brian:
            host: 192.168.0.183
        routing:
          prefer_warm: false
          max_latency_ms: 5000
        """;

    [Fact]
    public void Load_SectionWithoutABinder_IsAnUnknownTopLevelSection()
    {
        var result = new ClusterConfigLoader().Load(Yaml, "cluster.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((7, 1, "unknown top-level section 'routing'"), (error.Line, error.Column, error.Message));
        Assert.Equal("known sections are: cluster, proxmox, nodes", error.Hint);
    }

    [Fact]
    public void Load_SectionWithABinder_IsBoundAfterTheBuiltInSections()
    {
        var loader = new ClusterConfigLoader([new RoutingBinder()]);

        var result = loader.Load(Yaml, "cluster.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new RoutingSection(PreferWarm: false, MaxLatencyMs: 5000, SawSimulate: true), result.Config!.Sections.Get<RoutingSection>());
        Assert.Equal(["cluster", "proxmox", "nodes", "routing"], loader.SectionNames);
    }

    [Fact]
    public void Load_ProblemsInABoundSection_AreReportedWithPositions()
    {
        var result = new ClusterConfigLoader([new RoutingBinder()]).Load(
            Yaml.Replace("prefer_warm: false", "prefer_wram: false", StringComparison.Ordinal).Replace("5000", "soon", StringComparison.Ordinal),
            "cluster.yaml");

        Assert.Equal(
        [
            "cluster.yaml:8:3: error: unknown key 'prefer_wram' in 'routing' — did you mean 'prefer_warm'?",
            "cluster.yaml:9:19: error: expected an integer for 'max_latency_ms' in 'routing', got 'soon' — write a whole number such as 3",
        ],
        result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Config);
    }

    [Fact]
    public void Constructor_TwoBindersForOneSection_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ClusterConfigLoader([new RoutingBinder(), new RoutingBinder()]));
    }
}
