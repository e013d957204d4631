using System.Text.Json;
using PveAgent.Core.Registry;

namespace PveAgent.Mcp.Tests.Stdio;

public sealed class McpFrontDoorTests
{
    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    // Not answered by the front door: the SDK's own answer goes through unchanged.
    [InlineData("2026-07-28")]
    [InlineData("1999-01-01")]
    [InlineData(null)]
    public async Task Initialize_AnyRequestedRevision_IsAnsweredAsTheSdkAnswersIt(string? revision)
    {
        var viaFrontDoor = await AnswerAsync(RawSession.ThroughFrontDoor(), RawSession.Initialize(revision, 1));
        var viaSdk = await AnswerAsync(RawSession.SdkAlone(), RawSession.Initialize(revision, 1));

        Assert.True(JsonElement.DeepEquals(viaSdk, viaFrontDoor), $"front door: {viaFrontDoor}\nSDK: {viaSdk}");
    }

    [Theory]
    [InlineData(null, "2025-11-25")]
    [InlineData(Some.ApproveWrites, "2025-06-18")]
    [InlineData(Some.ApproveWrites, "2025-03-26")]
    [InlineData("guardrails:\n  mode: approve-writes\n  denied_tools: [rollback_snapshot]\n", "2025-11-25")]
    public async Task ToolsList_AnsweredByTheFrontDoor_IsWhatTheSdkAnswers(string? guardrails, string revision)
    {
        string[] session = [RawSession.Initialize(revision, 1), RawSession.Initialized, RawSession.Request("tools/list", 2)];

        var viaFrontDoor = await AnswerAsync(RawSession.ThroughFrontDoor(guardrails), session);
        var viaSdk = await AnswerAsync(RawSession.SdkAlone(guardrails), session);

        Assert.True(viaSdk.GetProperty("result").GetProperty("tools").GetArrayLength() > 10);
        Assert.True(JsonElement.DeepEquals(viaSdk, viaFrontDoor), $"front door: {viaFrontDoor}\nSDK: {viaSdk}");
    }

    [Fact]
    public async Task ToolsList_WhileTheConfigurationIsStillLoading_FollowsTheModeInClusterYaml()
    {
        var neverLoads = new TaskCompletionSource<ClusterConfig>();
        await using var session = RawSession.ThroughFrontDoor(Some.ApproveWrites, _ => neverLoads.Task);

        await session.SendAsync(RawSession.Initialize("2025-11-25", 1), RawSession.Initialized, RawSession.Request("tools/list", 2));
        var answers = await session.ReceiveUntilAsync(2);

        var names = answers[^1].GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("migrate_guest", names);
        Assert.Contains("plan_apply", names);
    }

    [Fact]
    public async Task Handoff_TheSdksAnswerToTheReplayedInitialize_NeverReachesTheClient()
    {
        await using var session = RawSession.ThroughFrontDoor();

        await session.SendAsync(RawSession.Initialize("2025-06-18", "init"), RawSession.Initialized, RawSession.Request("tools/list", 2), RawSession.Request("ping", 3));
        var answers = await session.ReceiveUntilAsync(3);
        await session.SendAsync(RawSession.Request("ping", 4));
        answers.AddRange(await session.ReceiveUntilAsync(4));

        Assert.Equal(["\"init\"", "2", "3", "4"], answers.Select(a => a.GetProperty("id").GetRawText()));
        Assert.All(answers, a => Assert.True(a.TryGetProperty("result", out _), a.ToString()));
    }

    [Fact]
    public async Task Handoff_TheSdkServesTheNegotiatedRevision()
    {
        await using var session = RawSession.ThroughFrontDoor();

        // After the handoff the SDK lists the tools, shaped for the revision negotiated by the front door (titles in annotations).
        await session.SendAsync(RawSession.Initialize("2025-03-26", 1), RawSession.Initialized, RawSession.Request("ping", 2), RawSession.Request("tools/list", 3, """{"cursor":"x"}"""));
        var answers = await session.ReceiveUntilAsync(3);

        var status = answers[^1].GetProperty("result").GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "cluster_status");
        Assert.Equal("Cluster status", status.GetProperty("annotations").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Handoff_ARequestBeforeInitialize_GoesToTheSdkAsItCame()
    {
        await using var session = RawSession.ThroughFrontDoor();

        await session.SendAsync(RawSession.Request("ping", 1));
        var ping = await session.ReceiveAsync();
        await session.SendAsync(RawSession.Initialize("2025-11-25", 2));
        var initialize = await session.ReceiveAsync();

        Assert.Equal(1, ping.GetProperty("id").GetInt32());
        Assert.Equal("2025-11-25", initialize.GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task EndOfInput_AfterTheListing_EndsTheServer()
    {
        var session = RawSession.ThroughFrontDoor();
        await using (session)
        {
            await session.SendAsync(RawSession.Initialize("2025-11-25", 1), RawSession.Request("tools/list", 2));
            await session.ReceiveUntilAsync(2);

            await session.EndInputAsync();

            await session.Server.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The answer to the last line, each request sent only once the one before is answered, as clients do.</summary>
    private static async Task<JsonElement> AnswerAsync(RawSession session, params string[] lines)
    {
        await using (session)
        {
            JsonElement answer = default;
            foreach (var line in lines)
            {
                await session.SendAsync(line);
                if (JsonDocument.Parse(line).RootElement.TryGetProperty("id", out var id))
                {
                    answer = (await session.ReceiveUntilAsync(id))[^1];
                }
            }

            return answer;
        }
    }
}
