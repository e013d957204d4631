using System.Text.Json;
using PveAgent.Kernel.Tests.Fakes;
using PveAgent.Kernel.ToolCalls;

namespace PveAgent.Kernel.Tests.ToolCalls;

public sealed class RepeatedCallDetectorTests
{
    private static Dictionary<string, JsonElement> Args(string json) =>
        Some.Json(json).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    [Fact]
    public void Observe_SameCallRepeated_ProceedsThenWarnsThenStops()
    {
        var detector = new RepeatedCallDetector();

        var checks = Enumerable.Range(0, 3).Select(_ => detector.Observe("list_tools", Args("""{"query":"gpu"}"""))).ToList();

        Assert.Equal([RepeatedCallAction.Proceed, RepeatedCallAction.Warn, RepeatedCallAction.Stop], checks.Select(c => c.Action));
        Assert.Equal([1, 2, 3], checks.Select(c => c.Count));
        Assert.Null(checks[0].Message);
        Assert.Contains("already called 'list_tools' with exactly these arguments", checks[1].Message, StringComparison.Ordinal);
        Assert.Contains("called 3 times", checks[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_SameArgumentsInAnotherKeyOrder_CountAsTheSameCall()
    {
        var detector = new RepeatedCallDetector();
        detector.Observe("migrate_vm", Args("""{"vmid":101,"target":"pve2","opts":{"online":true,"bw":10}}"""));

        var second = detector.Observe("migrate_vm", Args("""{"opts":{"bw":10,"online":true},"target":"pve2","vmid":101}"""));

        Assert.Equal(RepeatedCallAction.Warn, second.Action);
    }

    [Fact]
    public void Observe_DifferentArgumentsOrName_AreDifferentCalls()
    {
        var detector = new RepeatedCallDetector();
        detector.Observe("get_vm", Args("""{"vmid":101}"""));

        Assert.Equal(RepeatedCallAction.Proceed, detector.Observe("get_vm", Args("""{"vmid":102}""")).Action);
        Assert.Equal(RepeatedCallAction.Proceed, detector.Observe("get_ct", Args("""{"vmid":101}""")).Action);
    }

    [Fact]
    public void Observe_CustomLimit_StopsOnlyAtTheLimit()
    {
        var detector = new RepeatedCallDetector(stopAt: 4);

        var actions = Enumerable.Range(0, 4).Select(_ => detector.Observe("x", Args("{}")).Action).ToList();

        Assert.Equal([RepeatedCallAction.Proceed, RepeatedCallAction.Warn, RepeatedCallAction.Warn, RepeatedCallAction.Stop], actions);
    }

    [Fact]
    public void Reset_ForgetsEarlierCalls()
    {
        var detector = new RepeatedCallDetector();
        detector.Observe("x", Args("{}"));

        detector.Reset();

        Assert.Equal(RepeatedCallAction.Proceed, detector.Observe("x", Args("{}")).Action);
    }

    [Fact]
    public void Constructor_LimitBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatedCallDetector(stopAt: 1));
    }
}
