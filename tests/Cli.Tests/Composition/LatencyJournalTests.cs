using PveAgent.Cli.Composition;

namespace PveAgent.Cli.Tests.Composition;

public sealed class LatencyJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pveagent-latencies-").FullName;

    private string JournalPath => Path.Combine(_directory, "latencies.json");

    [Fact]
    public void Append_ThenLoad_KeepsEachModelsSamplesApartOnOneService()
    {
        var journal = new LatencyJournal(JournalPath);
        journal.Append("brian", "ollama", "llama-3.3-70b", 36_000);
        journal.Append("brian", "ollama", "llama3.2:3b", 1_000);
        journal.Append("brian", "ollama", "llama3.2:3b:latest", 3_000);

        var table = new LatencyJournal(JournalPath).Load().Snapshot();

        Assert.Equal(2, table.Count);
        Assert.True(table.TryGet("brian", "ollama", "llama3.2:3b", out var small));
        Assert.Equal((2, 2_000.0), (small.Count, small.MeanMs));
        Assert.True(table.TryGet("brian", "ollama", "llama-3.3-70b", out var large));
        Assert.Equal((1, 36_000.0), (large.Count, large.MeanMs));
    }

    [Fact]
    public void Append_KeepsOnlyTheLatestFiftySamplesOfAModel()
    {
        var journal = new LatencyJournal(JournalPath);
        for (var i = 1; i <= 60; i++)
        {
            journal.Append("brian", "ollama", "llama3.2:3b", i);
        }

        Assert.True(journal.Load().Snapshot().TryGet("brian", "ollama", "llama3.2:3b", out var summary));
        Assert.Equal((50, 35.5), (summary.Count, summary.MeanMs));
    }

    [Fact]
    public void Load_FirstFormatWithoutModels_ReadsAsEmpty_AndTheNextAppendReplacesIt()
    {
        // The first format keyed samples by node/service only: they cannot be attributed to a model.
        File.WriteAllText(JournalPath, """{"brian/ollama":[36000,35000,37000],"edge-tt/vllm":[10000]}""");
        var journal = new LatencyJournal(JournalPath);

        Assert.Equal(0, journal.Load().Snapshot().Count);

        journal.Append("brian", "ollama", "llama3.2:3b", 1_000);
        var table = journal.Load().Snapshot();
        Assert.Equal(1, table.Count);
        Assert.True(table.TryGet("brian", "ollama", "llama3.2:3b", out var summary));
        Assert.Equal(1, summary.Count);
        Assert.DoesNotContain("brian/ollama", File.ReadAllText(JournalPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DamagedOrIncompleteEntries_AreSkipped()
    {
        File.WriteAllText(JournalPath, """{"version":2,"windows":[{"node":"brian","service":"ollama","samples":[5]},{"node":"brian","service":"ollama","model":"llama3.2:3b","samples":[7,9,11]}]}""");

        var table = new LatencyJournal(JournalPath).Load().Snapshot();

        Assert.Equal(1, table.Count);
        Assert.True(table.TryGet("brian", "ollama", "llama3.2:3b", out var summary));
        Assert.Equal(9, summary.MeanMs);

        File.WriteAllText(JournalPath, "{ not json");
        Assert.Equal(0, new LatencyJournal(JournalPath).Load().Snapshot().Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
