using System.Text;
using Microsoft.Data.Sqlite;
using PveAgent.Core.Plans;
using PveAgent.Core.Security;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Plans;

public sealed class PlanStoreTests : IDisposable
{
    private const string Secret = "8b3c5f2e-1d4a-4e6b-9c7d-0a1b2c3d4e5f";

    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new(Some.Now);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task TwoStoresOnOneFile_LikeTwoProcesses_SeeEachOthersWrites()
    {
        var cli = Store();
        var mcp = Store();

        await cli.SaveAsync(Some.ThreeSteps("p-aaaaaa"));
        var seenByMcp = await mcp.GetAsync("p-aaaaaa");
        Assert.True(await mcp.TryTransitionAsync("p-aaaaaa", [PlanStatus.Pending], PlanStatus.Applying));
        await mcp.AppendAsync(Entry("p-aaaaaa", 1, StepState.Sending));

        Assert.Equal("free up brian", seenByMcp!.Plan.Intent);
        Assert.Equal(PlanStatus.Applying, await cli.GetStatusAsync("p-aaaaaa"));
        Assert.Equal(StepState.Sending, Assert.Single(await cli.ReadJournalAsync("p-aaaaaa")).State);
    }

    [Fact]
    public async Task Database_IsInWalModeInTheGivenDirectory()
    {
        var store = PlanStore.InDirectory(_dir.Path);
        await store.SaveAsync(Some.ThreeSteps());

        using var connection = new SqliteConnection($"Data Source={_dir.File("plans.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
        Assert.Equal(_dir.File("plans.db"), store.DatabasePath);
    }

    [Fact]
    public async Task TryTransition_TwoCallersFromPending_OnlyOneWins()
    {
        var first = Store();
        var second = Store();
        await first.SaveAsync(Some.ThreeSteps("p-bbbbbb"));

        var results = await Task.WhenAll(
            first.TryTransitionAsync("p-bbbbbb", [PlanStatus.Pending], PlanStatus.Applying),
            second.TryTransitionAsync("p-bbbbbb", [PlanStatus.Pending], PlanStatus.Applying));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Find_UniquePrefixWithOrWithoutThePrefixLetters_FindsThePlan()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-3f9a1c"));
        await store.SaveAsync(Some.ThreeSteps("p-3e0000"));

        var withLetters = await store.FindAsync("p-3f");
        var bare = await store.FindAsync("3F9");
        var exact = await store.FindAsync("p-3e0000");

        Assert.Equal("p-3f9a1c", withLetters.Found?.Plan.Id);
        Assert.Equal("p-3f9a1c", bare.Found?.Plan.Id);
        Assert.Equal("p-3e0000", exact.Found?.Plan.Id);
        Assert.Null(withLetters.Problem);
    }

    [Fact]
    public async Task Find_AmbiguousPrefix_ListsTheCandidatesAndAsksForMore()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-3f9a1c"));
        await store.SaveAsync(Some.ThreeSteps("p-3f0000"));

        var lookup = await store.FindAsync("3f");

        Assert.Null(lookup.Found);
        Assert.Equal(["p-3f0000", "p-3f9a1c"], lookup.Candidates.Select(c => c.Id).Order());
        Assert.StartsWith("'p-3f' matches 2 plans (", lookup.Problem, StringComparison.Ordinal);
        Assert.EndsWith("): type more of the id.", lookup.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p-zz", "'p-zz' is not a plan id: plan ids look like p-3f9a1c (`pve-agent plans` lists them).")]
    [InlineData("p-1234567", "'p-1234567' is not a plan id: plan ids look like p-3f9a1c (`pve-agent plans` lists them).")]
    [InlineData("p-abc", "No plan p-abc exists; `pve-agent plans` lists the saved plans.")]
    public async Task Find_TextThatIsNoKnownId_SaysWhatIsWrong(string typed, string problem)
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-3f9a1c"));

        var lookup = await store.FindAsync(typed);

        Assert.Equal(problem, lookup.Problem);
        Assert.Null(lookup.Found);
    }

    [Fact]
    public async Task NewPlanId_IsPAndSixHexDigits_AndNeverOneInUse()
    {
        var store = Store();
        var ids = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = await store.NewPlanIdAsync();
            Assert.Matches("^p-[0-9a-f]{6}$", id);
            Assert.True(ids.Add(id));
            await store.SaveAsync(Some.ThreeSteps(id));
        }

        Assert.Equal(40, (await store.ListAsync(limit: 100)).Count);
    }

    [Fact]
    public async Task Save_APlanThatIsApplying_IsRefusedWithTheFix()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-cccccc"));
        await store.TryTransitionAsync("p-cccccc", [PlanStatus.Pending], PlanStatus.Applying);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync(Some.ThreeSteps("p-cccccc") with { Intent = "changed" }));

        Assert.Equal("Plan p-cccccc is applying and can no longer be changed; make a new plan instead.", error.Message);
        Assert.Equal("free up brian", (await store.GetAsync("p-cccccc"))!.Plan.Intent);
    }

    [Fact]
    public async Task Save_IdThatIsNotAPlanId_IsRefusedWithWhereToGetOne()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store().SaveAsync(Some.ThreeSteps("plan-1")));

        Assert.StartsWith("'plan-1' is not a plan id: plan ids look like p-3f9a1c; get one from NewPlanIdAsync.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_APendingPlanAgain_ReplacesItsContent()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-dddddd"));

        await store.SaveAsync(Some.ThreeSteps("p-dddddd") with { Summary = "re-evaluated" });

        Assert.Equal("re-evaluated", (await store.GetAsync("p-dddddd"))!.Plan.Summary);
    }

    [Fact]
    public async Task Journal_CannotBeRewrittenOrDeletedEvenWithRawSql()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-eeeeee"));
        await store.AppendAsync(Entry("p-eeeeee", 1, StepState.Sending));

        using var connection = new SqliteConnection($"Data Source={_dir.File("plans.db")}");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE journal SET state = 'succeeded'";
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM journal";

        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => update.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        Assert.Equal(StepState.Sending, Assert.Single(await store.ReadJournalAsync("p-eeeeee")).State);
    }

    [Fact]
    public async Task Journal_ForAnUnsavedPlan_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().AppendAsync(Entry("p-ffffff", 1, StepState.Sending)));

        Assert.StartsWith("Plan p-ffffff is not saved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJournalSince_ReturnsOnlyEntriesOfThatActionFromThatTimeOn()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-111111"));
        await store.AppendAsync(Entry("p-111111", 1, StepState.Sending, Some.Now.AddHours(-2)));
        await store.AppendAsync(Entry("p-111111", 1, StepState.Started, Some.Now.AddMinutes(-30)));
        await store.AppendAsync(Entry("p-111111", 2, StepState.Sending, Some.Now.AddMinutes(-20)) with { Action = "snapshot.create" });

        var migrations = await store.ReadJournalSinceAsync(Some.Now.AddHours(-1), "guest.migrate");

        Assert.Equal(StepState.Started, Assert.Single(migrations).State);
        Assert.Equal(2, (await store.ReadJournalSinceAsync(Some.Now.AddHours(-1))).Count);
    }

    [Fact]
    public async Task FindLastApplied_IsTheLatestAppliedPlan()
    {
        var store = Store();
        await store.SaveAsync(Some.ThreeSteps("p-222222"));
        await store.SaveAsync(Some.ThreeSteps("p-333333"));
        await store.SaveAsync(Some.ThreeSteps("p-444444"));
        await store.TryTransitionAsync("p-222222", [PlanStatus.Pending], PlanStatus.Applied);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.TryTransitionAsync("p-333333", [PlanStatus.Pending], PlanStatus.Applied);

        Assert.Equal("p-333333", (await store.FindLastAppliedAsync())!.Plan.Id);
        Assert.Null(await Store("other.db").FindLastAppliedAsync());
    }

    [Fact]
    public async Task Conversation_TurnsAreNumberedInOrderAndKeepTheirPlan()
    {
        var store = Store();

        await store.AppendTurnAsync("chat-1", "user", "free up brian");
        await store.AppendTurnAsync("chat-2", "user", "hello");
        await store.AppendTurnAsync("chat-1", "assistant", "here is plan p-3f9a1c", planId: "p-3f9a1c");

        var turns = await store.ReadConversationAsync("chat-1");
        Assert.Equal([(1, "user", (string?)null), (2, "assistant", "p-3f9a1c")], turns.Select(t => (t.Turn, t.Role, t.PlanId)));
        Assert.Equal(1, Assert.Single(await store.ReadConversationAsync("chat-2")).Turn);
    }

    [Fact]
    public async Task RegisteredSecret_InIntentArgumentsJournalAndChat_NeverReachesTheFile()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Secret);
        var store = new PlanStore(_dir.File("plans.db"), redactor, _clock);
        var plan = Some.ThreeSteps("p-555555") with { Intent = $"use token {Secret} to free up brian" };
        plan = plan with { Steps = [plan.Steps[0] with { Arguments = Some.Arguments($$"""{"note": "PVEAPIToken=root@pam!ci={{Secret}}"}""") }, .. plan.Steps.Skip(1)] };

        await store.SaveAsync(plan);
        await store.AppendAsync(Entry("p-555555", 1, StepState.Failed) with { Error = $"401 for token {Secret}" });
        await store.AppendTurnAsync("chat", "user", $"my token is {Secret}");

        var saved = (await store.GetAsync("p-555555"))!.Plan;
        Assert.Equal("use token *** to free up brian", saved.Intent);
        Assert.Equal("PVEAPIToken=root@pam!ci=***", saved.Steps[0].Arguments.GetProperty("note").GetString());
        Assert.Equal("401 for token ***", Assert.Single(await store.ReadJournalAsync("p-555555")).Error);
        Assert.Equal("my token is ***", Assert.Single(await store.ReadConversationAsync("chat")).Content);
        foreach (var file in Directory.GetFiles(_dir.Path))
        {
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }
    }

    private PlanStore Store(string file = "plans.db") => new(_dir.File(file), timeProvider: _clock);

    private static JournalEntry Entry(string planId, int step, StepState state, DateTimeOffset? at = null) => new()
    {
        PlanId = planId,
        Kind = JournalKind.Step,
        Step = step,
        Attempt = 1,
        State = state,
        Action = "guest.migrate",
        At = at ?? Some.Now,
    };
}
