using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PveAgent.Simulator.Tests.Inference;

public sealed partial class VllmApiTests
{
    private const int Port = 8000;

    private static SimRequest Chat(string body) => SimWorld.Post(SomeLab.Brian, Port, "/v1/chat/completions", body);

    [Fact]
    public async Task Models_HaveTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/v1/models")));

        JsonShape.AssertSame(Fixtures.Json("openai", "vllm_v1_models_DERIVED_from_issue-11761.json"), body);
        Assert.Equal(["llama-3.3-70b", "qwen-2.5-32b"], body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(131072, body.GetProperty("data")[0].GetProperty("max_model_len").GetInt32());
    }

    [Fact]
    public async Task UnknownModel_Returns404InVllmsErrorShape()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"model":"gpt-4","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(404, response.Status);
        var error = SimWorld.Json(response).GetProperty("error");
        Assert.Equal("The model `gpt-4` does not exist.", error.GetProperty("message").GetString());
        Assert.Equal("NotFoundError", error.GetProperty("type").GetString());
        // vLLM's code is an integer (OpenAI's is a string or null): see vllm_error_bodies_REAL.txt.
        Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
        Assert.Contains("'code': 400}}", Fixtures.Text("openai", "vllm_error_bodies_REAL.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletion_ReportsUsageAndStopsAtMaxTokens()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(Chat("""{"model":"qwen-2.5-32b","messages":[{"role":"user","content":"Say something about GPUs."}],"max_tokens":16}""")));

        Assert.Matches(ChatId(), body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(16, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var usage = body.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 16, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task StreamedChat_StartsWithTheRoleAndEndsWithFinishReasonThenDone()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Send(Chat("""{"model":"qwen-2.5-32b","messages":[{"role":"user","content":"hi"}],"max_tokens":3,"stream":true,"stream_options":{"include_usage":true}}"""));
        var events = string.Concat((await world.ReadStream(response)).Select(c => c.Text)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone()).ToList();
        // role delta, 3 tokens, finish chunk, usage chunk
        Assert.Equal(6, chunks.Count);
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("length", chunks[4].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[5].GetProperty("choices").GetArrayLength());
        Assert.Equal(3, chunks[5].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_FromTheEmbeddingServer_HaveTheModelsWidth()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Post(SomeLab.EdgeTt, 8001, "/v1/embeddings", """{"model":"bge-large-en-v1.5","input":["a","b","c"]}""")));

        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, data.Count);
        Assert.All(data, d => Assert.Equal(1024, d.GetProperty("embedding").GetArrayLength()));
        Assert.Equal([0, 1, 2], data.Select(d => d.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task ChatOnAnEmbeddingModel_IsABadRequest()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(SimWorld.Post(SomeLab.EdgeTt, 8001, "/v1/chat/completions", """{"model":"bge-large-en-v1.5","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(400, response.Status);
        Assert.Equal("BadRequestError", SimWorld.Json(response).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AfterAGuestStart_ConnectionsAreRefusedUntilTheWeightsAreLoaded()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(402);
        Assert.True((await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"))).ConnectionRefused);
        world.Power.StoppedGuests.Remove(402);

        var justStarted = await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"));
        var loadedAt = world.Service("edge-tt", "vllm").Models.Single().ReadyAt;
        world.Advance(loadedAt - world.Now - TimeSpan.FromMilliseconds(1));
        var almost = await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"));
        world.Advance(TimeSpan.FromMilliseconds(1));
        var loaded = await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"));

        Assert.True(justStarted.ConnectionRefused);
        Assert.True(almost.ConnectionRefused);
        Assert.False(loaded.ConnectionRefused);
        Assert.Equal(200, loaded.Status);
    }

    [Fact]
    public async Task GuestStartTime_FromTheUptimeView_CountsTowardsLoading()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(402);
        await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"));
        world.Power.StoppedGuests.Remove(402);
        world.Power.StartedAt[402] = world.Now - TimeSpan.FromMinutes(2);

        var response = await world.Send(SimWorld.Get(SomeLab.EdgeTt, Port, "/health"));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Metrics_UseTheRealNamesAndLabels_AndCountRunningRequests()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var request = world.Send(SimWorld.Post(SomeLab.EdgeTt, Port, "/v1/chat/completions", """{"model":"llama-3.2-3b-instruct","messages":[{"role":"user","content":"hi"}],"max_tokens":50}"""));
        world.Advance(TimeSpan.FromMilliseconds(100));

        var response = await world.Run(SimWorld.Get(SomeLab.EdgeTt, Port, "/metrics"));
        await world.Drive(request);
        var after = Samples(SimWorld.Text(await world.Run(SimWorld.Get(SomeLab.EdgeTt, Port, "/metrics"))));

        Assert.StartsWith("text/plain; version=0.0.4", response.ContentType, StringComparison.Ordinal);
        var text = SimWorld.Text(response);
        var samples = Samples(text);
        const string Labels = "engine=\"0\",model_name=\"llama-3.2-3b-instruct\"";
        Assert.Equal(1.0, samples[$"vllm:num_requests_running{{{Labels}}}"]);
        Assert.Equal(0.0, samples[$"vllm:num_requests_waiting{{{Labels}}}"]);
        Assert.InRange(samples[$"vllm:kv_cache_usage_perc{{{Labels}}}"], 1e-9, 1.0);
        Assert.Equal(0.0, after[$"vllm:num_requests_running{{{Labels}}}"]);
        Assert.Equal(50.0, after[$"vllm:generation_tokens_total{{{Labels}}}"]);
        Assert.Equal(1.0, after["vllm:request_success_total{engine=\"0\",finished_reason=\"length\",model_name=\"llama-3.2-3b-instruct\"}"]);
        // Every family the real documentation example declares with HELP text keeps the same HELP text.
        foreach (var help in Fixtures.Text("vllm", "metrics_example_docs_design_metrics_md.prom").Split('\n').Where(l => l.StartsWith("# HELP vllm:num_requests_running", StringComparison.Ordinal) || l.StartsWith("# HELP vllm:generation_tokens_total", StringComparison.Ordinal) || l.StartsWith("# HELP vllm:request_success_total", StringComparison.Ordinal)))
        {
            Assert.Contains(help + "\n", text, StringComparison.Ordinal);
        }
    }

    /// <summary>An independent reader of Prometheus sample lines: name{labels} value.</summary>
    private static Dictionary<string, double> Samples(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [GeneratedRegex("^chatcmpl-[0-9a-f]{32}$")]
    private static partial Regex ChatId();
}
