using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class WorkloadGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_GivesTheSameTasks()
    {
        var first = WorkloadGenerator.Generate(WorkloadProfile.Mixed, 10, seed: 7);
        var again = WorkloadGenerator.Generate(WorkloadProfile.Mixed, 10, seed: 7);

        Assert.NotEmpty(first);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Generate_AnotherSeed_GivesOtherTasks()
    {
        var first = WorkloadGenerator.Generate(WorkloadProfile.Mixed, 10, seed: 7);
        var other = WorkloadGenerator.Generate(WorkloadProfile.Mixed, 10, seed: 8);

        Assert.NotEqual(first.Select(t => t.ArrivalSeconds), other.Select(t => t.ArrivalSeconds));
    }

    [Fact]
    public void Generate_AnHour_ArrivesAtTheProfilesRateIncludingBursts()
    {
        var workload = WorkloadProfile.Mixed;

        var tasks = WorkloadGenerator.Generate(workload, 60, seed: 1);

        // 0.4/s for 54 min plus 1.6/s during six one-minute bursts: 1296 + 576 = 1872 expected.
        Assert.InRange(tasks.Count, 1872 * 0.92, 1872 * 1.08);
        var inBursts = tasks.Count(t => t.ArrivalSeconds % 600 >= 540);
        Assert.InRange(inBursts, 576 * 0.8, 576 * 1.2);
        Assert.True(tasks.Zip(tasks.Skip(1)).All(p => p.First.ArrivalSeconds <= p.Second.ArrivalSeconds));
    }

    [Fact]
    public void Generate_ModelPopularity_FollowsZipfWithTheFirstModelMostAskedFor()
    {
        var llm = WorkloadGenerator.Generate(WorkloadProfile.LlmHeavy, 120, seed: 3)
            .Where(t => t.Request.Type == TaskType.LlmInference)
            .GroupBy(t => t.Request.Model)
            .ToDictionary(g => g.Key!, g => g.Count());
        var total = llm.Values.Sum();

        // Zipf s = 1.1 over five models: 1 / H = 0.44 for the first, 0.044 x ... = 0.09 for the fifth.
        Assert.InRange(llm["qwen-2.5-32b"] / (double)total, 0.40, 0.48);
        Assert.InRange(llm["qwen2.5:7b"] / (double)total, 0.07, 0.11);
    }

    [Fact]
    public void Generate_TaskSizes_AreWithinTheirClampedRanges()
    {
        var tasks = WorkloadGenerator.Generate(WorkloadProfile.Mixed, 60, seed: 5);

        Assert.All(tasks, t =>
        {
            Assert.InRange(t.Request.Size.PromptTokens!.Value, 16, 8000);
            Assert.InRange(t.Request.Size.OutputTokens, 8, 2048);
            Assert.InRange(t.Request.Size.AudioSeconds, 2, 1800);
        });
        Assert.All(tasks.Where(t => t.Request.Type == TaskType.Preprocessing), t => Assert.InRange(t.Request.Size.JobSeconds, 10, 60));
    }
}
