using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class LlamaCppApiTests
{
    private const int Port = 8080;

    [Fact]
    public async Task Health_WhileTheModelLoads_Is503WithTheRealBody_Then200()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(301);
        await world.Send(SimWorld.Get(SomeLab.Pve3, Port, "/health"));
        world.Power.StoppedGuests.Remove(301);

        var loading = await world.Send(SimWorld.Get(SomeLab.Pve3, Port, "/health"));
        world.Advance(world.Service("pve3", "llamacpp").Models.Single().ReadyAt - world.Now);
        var ready = await world.Send(SimWorld.Get(SomeLab.Pve3, Port, "/health"));

        Assert.Equal(503, loading.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixtures.Text("openai", "llamacpp_health_README.json")), JsonNode.Parse(SimWorld.Text(loading))));
        Assert.Equal(200, ready.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixtures.Text("openai", "llamacpp_health_ok_README.json")), JsonNode.Parse(SimWorld.Text(ready))));
    }

    [Fact]
    public async Task Models_HaveTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Pve3, Port, "/v1/models")));

        JsonShape.AssertSame(Fixtures.Json("openai", "llamacpp_v1_models_README_with_architecture.json"), body);
        var model = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("qwen2.5-1.5b-instruct", model.GetProperty("id").GetString());
        Assert.Equal(1_500_000_000, model.GetProperty("meta").GetProperty("n_params").GetInt64());
    }

    [Fact]
    public async Task Slots_HaveTheShapeOfTheRealSample_AndShowBusySlots()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var request = world.Send(SimWorld.Post(SomeLab.Pve3, Port, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":40}"""));
        world.Advance(TimeSpan.FromMilliseconds(500));

        var slots = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Pve3, Port, "/slots")));
        await world.Drive(request);

        var real = Fixtures.Json("openai", "llamacpp_slots_README_2slots.json");
        JsonShape.AssertSame(real, slots);
        Assert.Equal(2, slots.GetArrayLength());
        Assert.True(slots[0].GetProperty("is_processing").GetBoolean());
        Assert.False(slots[1].GetProperty("is_processing").GetBoolean());
        Assert.InRange(slots[0].GetProperty("next_token").GetProperty("n_decoded").GetInt32(), 1, 39);
    }

    [Fact]
    public async Task Chat_CarriesUsageAndTheTimingsFieldsOfTheReadme()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Post(SomeLab.Pve3, Port, "/v1/chat/completions", """{"model":"anything","messages":[{"role":"user","content":"hi"}],"max_tokens":8}""")));

        var readme = Fixtures.Text("openai", "llamacpp_chat_timings_usage_README.txt");
        var timingKeys = Regex.Matches(readme[readme.IndexOf("\"timings\"", StringComparison.Ordinal)..readme.IndexOf("// The total", StringComparison.Ordinal)], "\"([a-z_]+)\":")
            .Select(m => m.Groups[1].Value).Where(k => k != "timings").ToList();
        Assert.NotEmpty(timingKeys);
        var timings = body.GetProperty("timings");
        Assert.All(timingKeys, k => Assert.True(timings.TryGetProperty(k, out _), $"timings.{k} missing"));
        Assert.Equal(8, timings.GetProperty("predicted_n").GetInt32());
        Assert.Equal(8, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("usage").GetProperty("prompt_tokens_details").ValueKind);
        Assert.Equal("anything", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Metrics_ShowRequestsProcessingAndDeferred()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        SimRequest Request() => SimWorld.Post(SomeLab.Pve3, Port, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":30}""");
        var requests = new[] { world.Send(Request()), world.Send(Request()), world.Send(Request()) };
        world.Advance(TimeSpan.FromMilliseconds(100));

        var text = SimWorld.Text(await world.Run(SimWorld.Get(SomeLab.Pve3, Port, "/metrics")));
        foreach (var request in requests)
        {
            await world.Drive(request);
        }

        var documented = Regex.Matches(Fixtures.Text("openai", "llamacpp_metrics_README_lists.md"), "`(llamacpp:[a-z_]+)`").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("llamacpp:requests_processing 2\n", text, StringComparison.Ordinal);
        Assert.Contains("llamacpp:requests_deferred 1\n", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n').Where(l => l.StartsWith("llamacpp:", StringComparison.Ordinal)), l => Assert.Contains(l.Split(' ')[0], documented));
    }
}
