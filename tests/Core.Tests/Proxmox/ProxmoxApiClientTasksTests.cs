using System.Globalization;
using System.Web;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Tests.Proxmox.Fakes;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Proxmox;

/// <summary>Waiting for tasks on a manual clock: polling, backoff, outcome, log tail, timeout, cancellation.</summary>
public sealed class ProxmoxApiClientTasksTests
{
    private static readonly Upid Migration = Upid.Parse("UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:");

    private static readonly string Running = SharedFiles.ReadShared("proxmox-api", "examples", "task_status.running.proxmoxer.json");
    private static readonly string StoppedOk = SharedFiles.ReadShared("proxmox-api", "examples", "task_status.stopped_ok.proxmoxer.json");

    // The status PVE reports when a qmigrate task aborts (NOTES.md §9), shaped like the real stopped statuses.
    private const string StoppedMigrationAborted =
        """{"data":{"upid":"UPID:pve1:00171399:02C8BD1E:656E69FC:qmigrate:132:root@pam!build:","node":"pve1","pid":1512345,"pstart":46710046,"starttime":1701734908,"type":"qmigrate","id":"132","user":"root@pam","tokenid":"build","status":"stopped","exitstatus":"migration aborted"}}""";

    private static ProxmoxClientOptions Options => new() { RequestTimeout = Timeout.InfiniteTimeSpan, RetryBaseDelay = TimeSpan.Zero };

    [Fact]
    public async Task Wait_RunningThenStoppedOk_SucceedsAfterPollingWithGrowingIntervals()
    {
        var time = new SignallingTimeProvider();
        var statuses = new Queue<string>([Running, Running, Running, Running, StoppedOk]);
        var handler = TaskServer(statuses, logLines: 0);
        using var client = TestClients.OnStub(handler, time, Options);

        var wait = client.WaitForTaskAsync(Migration);
        var sleeps = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            sleeps.Add(await time.AdvancePastNextTimerAsync());
        }

        var outcome = await wait;

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], sleeps);
        Assert.True(outcome.Succeeded);
        Assert.Equal("OK", outcome.ExitStatus);
        Assert.Equal(TimeSpan.FromSeconds(6.5), outcome.Duration);
        Assert.Empty(outcome.LogTail);
        Assert.All(handler.Requests, r => Assert.StartsWith("/nodes/pve1/tasks/UPID%3Apve1%3A", r.ApiPath, StringComparison.Ordinal));
        Assert.Equal(5, handler.Requests.Count(r => r.ApiPath.EndsWith("/status", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wait_TaskFails_OutcomeCarriesTheLastTwentyLogLines()
    {
        var handler = TaskServer(new Queue<string>([StoppedMigrationAborted]), logLines: 30);
        using var client = TestClients.OnStub(handler, options: Options);

        var outcome = await client.WaitForTaskAsync(Migration);

        Assert.False(outcome.Succeeded);
        Assert.Equal("migration aborted", outcome.ExitStatus);
        Assert.Equal(20, outcome.LogTail.Count);
        Assert.Equal("line 11", outcome.LogTail[0]);
        Assert.Equal("TASK ERROR: migration aborted", outcome.LogTail[^1]);
        Assert.Contains(handler.Requests, r => r.ApiPath.EndsWith("/log", StringComparison.Ordinal) && r.Query == "start=10&limit=20");
    }

    [Fact]
    public async Task Wait_TaskOutlivesTheTimeout_ThrowsTimeoutNamingTheUpidAndHowToCheckIt()
    {
        var time = new SignallingTimeProvider();
        var handler = TaskServer(statuses: null, logLines: 0);
        using var client = TestClients.OnStub(handler, time, Options);

        var wait = client.WaitForTaskAsync(Migration, timeout: TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(1), await time.AdvancePastNextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(1.5), await time.AdvancePastNextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(0.5), await time.AdvancePastNextTimerAsync());
        var error = await Assert.ThrowsAsync<PveApiException>(() => wait);

        Assert.Equal(PveErrorKind.Timeout, error.Kind);
        Assert.Equal(Migration, error.Upid);
        Assert.Contains($"pvesh get /nodes/pve1/tasks/{Migration}/status", error.Message);
        Assert.Contains("may still be running", error.Message);
        Assert.Equal(4, handler.CallCount);
    }

    [Fact]
    public async Task Wait_CancelledWhileSleeping_StopsPolling()
    {
        var time = new SignallingTimeProvider();
        var handler = TaskServer(statuses: null, logLines: 0);
        using var client = TestClients.OnStub(handler, time, Options);
        using var cancellation = new CancellationTokenSource();

        var wait = client.WaitForTaskAsync(Migration, cancellationToken: cancellation.Token);
        await time.NextTimerAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(1, handler.CallCount);
    }

    [Fact]
    public async Task Wait_WithProgress_ReportsElapsedAndTheNewestLogLine()
    {
        var time = new SignallingTimeProvider();
        var handler = TaskServer(new Queue<string>([Running, Running, StoppedOk]), logLines: 3, growing: true);
        using var client = TestClients.OnStub(handler, time, Options);
        var progress = new ListProgress<TaskProgress>();

        var wait = client.WaitForTaskAsync(Migration, progress);
        await time.AdvancePastNextTimerAsync();
        await time.AdvancePastNextTimerAsync();
        await wait;

        Assert.Equal(
            [(0.0, "running", "line 1"), (1.0, "running", "line 2"), (2.5, "stopped", null)],
            progress.Reports.Select(p => (p.Elapsed.TotalSeconds, p.Status, p.LastLogLine)));
        var logQueries = handler.Requests.Where(r => r.ApiPath.EndsWith("/log", StringComparison.Ordinal)).Select(r => r.Query);
        Assert.Equal(["start=0&limit=50", "start=1&limit=50"], logQueries);
    }

    [Fact]
    public async Task Wait_HaTask_IsFlaggedAsOnlyQueued()
    {
        var handler = TaskServer(new Queue<string>([StoppedOk]), logLines: 0);
        using var client = TestClients.OnStub(handler, options: Options);

        var outcome = await client.WaitForTaskAsync(Upid.Parse("UPID:example-node:000934AF:0D015579:68BF3A41:hastart:100:root@pam:"));

        Assert.True(outcome.QueuedWithHa);
    }

    /// <summary>
    /// A fake node: status answers come from <paramref name="statuses"/> (always "running" when null); the log has
    /// <paramref name="logLines"/> lines "line n", the last being "TASK ERROR: migration aborted" when longer than 20,
    /// or, when <paramref name="growing"/>, one more line per status poll.
    /// </summary>
    private static StubHttpHandler TaskServer(Queue<string>? statuses, int logLines, bool growing = false)
    {
        var polls = 0;
        return new StubHttpHandler((request, _) =>
        {
            if (request.ApiPath.EndsWith("/status", StringComparison.Ordinal))
            {
                polls++;
                return Task.FromResult(StubHttpHandler.Response(200, statuses is null ? Running : statuses.Dequeue()));
            }

            var query = HttpUtility.ParseQueryString(request.Query);
            var start = int.Parse(query["start"]!, CultureInfo.InvariantCulture);
            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            var total = growing ? polls : logLines;
            var lines = Enumerable.Range(start + 1, Math.Max(0, Math.Min(limit, total - start)))
                .Select(n => $$"""{"n":{{n}},"t":"{{(n == total && total > 20 ? "TASK ERROR: migration aborted" : $"line {n}")}}"}""");
            return Task.FromResult(StubHttpHandler.Response(200, $$"""{"data":[{{string.Join(",", lines)}}],"total":{{total}}}"""));
        });
    }
}
