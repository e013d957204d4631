using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Guardrails;
using PveAgent.TestSupport;

namespace PveAgent.Mcp.Tests;

public sealed class GuardrailsPeekTests
{
    private static readonly string Sample = File.ReadAllText(SharedFiles.InRepository("cluster.yaml"));

    public static TheoryData<string> Sections => new()
    {
        "",
        "guardrails:\n",
        "guardrails: ~\n",
        "guardrails: {}\n",
        "guardrails:\n  mode: read-only\n",
        "guardrails:\n  mode: approve-writes\n",
        "guardrails:\n  mode: approve-disruptive\n",
        "guardrails:\n  mode: autonomous\n",
        "guardrails:\n  mode: \"Autonomous\"   # say so\n",
        "guardrails:    # the policy\n\n    unattended: true\n    mode: 'read-only'\n",
        "guardrails:\n  unattended: false\n",
        "guardrails: {mode: approve-writes, unattended: true}\n",
        "guardrails:\n  mode: approve-writes\n  protected:\n    guests: [100, jellyfin]\n    nodes:\n      - pve3\n  limits:\n    max_steps_per_plan: 5\n",
        "guardrails:\n  mode: autonomous\n  maintenance_windows:\n    - days: [sat, sun]\n      from: \"02:00\"\n      to: \"05:00\"\n",
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Read_ShapesPeopleWrite_AgreeWithTheFullLoad(string section)
    {
        var text = Sample + "\n" + section;

        var peeked = GuardrailsPeek.Read(text);

        var loaded = McpPolicy.For(Load(text));
        Assert.NotNull(peeked);
        Assert.Equal((loaded.Stated, loaded.AllowsWrites, loaded.Policy.Mode), (peeked.Stated, peeked.AllowsWrites, peeked.Policy.Mode));
    }

    [Theory]
    // What changes the listing beyond the mode, or is not a plain shape, is left to the full load.
    [InlineData("guardrails:\n  mode: approve-writes\n  denied_tools: [rollback_snapshot]\n")]
    [InlineData("guardrails:\n  allowed_tools:\n    - start_guest\n")]
    [InlineData("guardrails: {mode: approve-writes, denied_tools: [stop_guest]}\n")]
    [InlineData("guardrails:\n  mode: approve-everything\n")]
    [InlineData("guardrails:\n  mode: &m autonomous\n")]
    [InlineData("guardrails:\n  moed: autonomous\n")]
    [InlineData("guardrails:\n  mode: autonomous\n  mode: read-only\n")]
    [InlineData("guardrails:\n\tmode: autonomous\n")]
    [InlineData("guardrails:\n  - mode: autonomous\n")]
    [InlineData("\"guardrails\":\n  mode: autonomous\n")]
    [InlineData("guardrails:\n  mode: autonomous\nguardrails:\n  mode: read-only\n")]
    [InlineData("---\nguardrails:\n  mode: autonomous\n")]
    public void Read_AnythingElse_CannotTell(string section)
    {
        Assert.Null(GuardrailsPeek.Read(Sample + "\n" + section));
    }

    [Fact]
    public void Read_EveryModeTheBinderKnows_IsReadAsThatMode()
    {
        foreach (var mode in Enum.GetValues<GuardrailMode>())
        {
            var peeked = GuardrailsPeek.Read($"guardrails:\n  mode: {GuardrailsSectionBinder.ModeName(mode)}\n");

            Assert.Equal(mode, peeked?.Policy.Mode);
        }
    }

    [Fact]
    public void Read_TheWordInACommentOrAValue_DoesNotCount()
    {
        var peeked = GuardrailsPeek.Read("# guardrails: mode: autonomous (not yet)\ncluster:\n  name: lab   # guardrails come later\n");

        Assert.Equal((false, false), (peeked?.Stated, peeked?.AllowsWrites));
    }

    private static ClusterConfig Load(string text)
    {
        var loaded = new ClusterConfigLoader([new GuardrailsSectionBinder(), new RoutingSectionBinder()]).Load(text, "cluster.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Config!;
    }
}
