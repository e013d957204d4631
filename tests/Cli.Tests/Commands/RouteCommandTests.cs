using System.Text.Json;

namespace PveAgent.Cli.Tests.Commands;

public sealed class RouteCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public RouteCommandTests() => _cli.UseSampleConfig();

    [Fact]
    public async Task RouteJson_70BModel_RanksBriansWarmVllmFirst_AndExplainsEveryPart()
    {
        var run = await _cli.RunAsync("route", "--type", "llm-inference", "--model", "llama-3.3-70b", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("llm-inference", doc.RootElement.GetProperty("task").GetProperty("type").GetString());
        var best = doc.RootElement.GetProperty("candidates")[0];
        Assert.Equal("brian", best.GetProperty("node").GetString());
        Assert.Equal("vllm", best.GetProperty("service").GetString());
        Assert.True(best.GetProperty("warm").GetBoolean());
        var parts = best.GetProperty("parts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(best.GetProperty("score").GetDouble(), parts.Values.Sum(), 2);
        Assert.Equal(parts.Count, best.GetProperty("reasons").GetArrayLength());
        var rejected = doc.RootElement.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("node").GetString()).ToList();
        Assert.Contains("pve3", rejected);
    }

    [Fact]
    public async Task Route_SpeechToText_GoesToTheTenstorrentNode()
    {
        var run = await _cli.RunAsync("route", "--type", "speech-to-text", "--model", "whisper-large-v3", "--json");

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("edge-tt", doc.RootElement.GetProperty("candidates")[0].GetProperty("node").GetString());
        Assert.Equal("wormhole-n150", doc.RootElement.GetProperty("candidates")[0].GetProperty("accelerator").GetString());
    }

    [Fact]
    public async Task Route_NoCapableNode_ExitsThreeAndSaysWhy()
    {
        var run = await _cli.RunAsync("route", "--type", "training", "--avoid", "brian");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("No node can run this task", run.Out, StringComparison.Ordinal);
        Assert.Contains("brian", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_MisspelledType_SuggestsTheRightOne()
    {
        var run = await _cli.RunAsync("route", "--type", "speach-to-text");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'speech-to-text'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_UnknownNode_IsAUsageErrorNamingTheNodes()
    {
        var run = await _cli.RunAsync("route", "--type", "llm-inference", "--node", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("brian, pve3, edge-tt", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_UnknownTypeLikeNothingKnown_ListsTheTypesWithoutAFalseSuggestion()
    {
        var run = await _cli.RunAsync("route", "--type", "teleport");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown task type 'teleport'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", run.Error, StringComparison.Ordinal);
        Assert.Contains("known types: llm-inference", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_MisspelledNode_SuggestsTheNode()
    {
        var run = await _cli.RunAsync("route", "--type", "llm-inference", "--node", "brain");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'brian'?", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
