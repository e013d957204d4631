using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class OllamaApiTests
{
    private const int Port = 11434;

    private static SimRequest Chat(string body) => SimWorld.Post(SomeLab.Brian, Port, "/api/chat", body);

    [Fact]
    public async Task Version_HasTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/version"));

        JsonShape.AssertSame(Fixtures.Json("ollama", "version_response.json"), SimWorld.Json(response));
    }

    [Fact]
    public async Task Tags_ListEveryConfiguredModelAsPulled_InTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var tags = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/tags")));

        var real = Fixtures.Json("ollama", "tags_response.json");
        JsonShape.AssertSame(real, tags);
        var models = tags.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["llama3.2:3b", "nomic-embed-text:latest"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.All(models, m => Assert.Matches("^[0-9a-f]{64}$", m.GetProperty("digest").GetString()));
        // Sizes of the weights as deployed: 2.0 GB for the 3B chat model, 0.27 GB for the F16 embedding model.
        Assert.Equal(2_000_000_000, models[0].GetProperty("size").GetInt64());
        Assert.Equal("3.2B", models[0].GetProperty("details").GetProperty("parameter_size").GetString());
        Assert.Equal("F16", models[1].GetProperty("details").GetProperty("quantization_level").GetString());
    }

    [Fact]
    public async Task Ps_ListsTheSeededWarmModel_InTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var ps = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/ps")));

        JsonShape.AssertSame(Fixtures.Json("ollama", "ps_response_openapi_DERIVED.json"), ps);
        var model = Assert.Single(ps.GetProperty("models").EnumerateArray());
        Assert.Equal("llama3.2:3b", model.GetProperty("name").GetString());
        Assert.Equal(4096, model.GetProperty("context_length").GetInt32());
        Assert.Equal(model.GetProperty("size").GetInt64(), model.GetProperty("size_vram").GetInt64());
    }

    [Fact]
    public async Task Ps_OfAnIdleServerWithNothingLoaded_IsAnEmptyList()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        world.Power.StoppedGuests.Add(202);
        await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/ps"));
        world.Power.StoppedGuests.Remove(202);

        var ps = SimWorld.Text(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/ps")));

        Assert.Equal("""{"models":[]}""", ps);
    }

    [Fact]
    public async Task ChatWithoutStreaming_HasTheShapeOfTheRealSample()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"model":"llama3.2:3b","messages":[{"role":"user","content":"why is the sky blue?"}],"stream":false}"""));

        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var body = SimWorld.Json(response);
        // done_reason is newer than the docs example (omitempty in api.ChatResponse).
        JsonShape.AssertSame(Fixtures.Json("ollama", "chat_nostream_response.json"), body, "done_reason");
        Assert.Equal("stop", body.GetProperty("done_reason").GetString());
        Assert.Equal(120, body.GetProperty("eval_count").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task ChatStreaming_SendsNdjsonChunksThenAFinalChunkWithMetrics()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        const string Body = """{"model":"llama3.2:3b","messages":[{"role":"user","content":"why is the sky blue?"}],"options":{"num_predict":12}}""";

        var response = await world.Send(Chat(Body));
        var chunks = await world.ReadStream(response);

        Assert.Equal("application/x-ndjson", response.ContentType);
        Assert.All(chunks, c => Assert.EndsWith("\n", c.Text));
        var lines = chunks.Select(c => JsonDocument.Parse(c.Text).RootElement.Clone()).ToList();
        Assert.Equal(13, lines.Count);
        foreach (var chunk in lines[..^1])
        {
            // Current servers omit message.images (omitempty); the 2023 docs example still shows "images": null.
            JsonShape.AssertSame(Fixtures.Json("ollama", "chat_stream_response_chunk.json"), chunk, [], ["message.images"]);
        }

        JsonShape.AssertSame(Fixtures.Json("ollama", "chat_stream_response_final.json"), lines[^1], "done_reason");
        Assert.Equal("length", lines[^1].GetProperty("done_reason").GetString());
        Assert.Equal(12, lines[^1].GetProperty("eval_count").GetInt32());

        var streamed = string.Concat(lines[..^1].Select(l => l.GetProperty("message").GetProperty("content").GetString()));
        var whole = SimWorld.Json(await world.Run(Chat(Body.Replace("}}", "},\"stream\":false}", StringComparison.Ordinal))));
        Assert.Equal(whole.GetProperty("message").GetProperty("content").GetString(), streamed);
    }

    [Fact]
    public async Task GenerateStreaming_ChunksHaveTheShapeOfTheRealNdjsonLines()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());
        var realChunk = JsonDocument.Parse(Fixtures.Text("ollama", "errors_midstream_ndjson_docs.ndjson").Split('\n')[0]).RootElement;

        var response = await world.Send(SimWorld.Post(SomeLab.Brian, Port, "/api/generate", """{"model":"llama3.2:3b","prompt":"Is the sky blue?","options":{"num_predict":3}}"""));
        var lines = (await world.ReadStream(response)).Select(c => JsonDocument.Parse(c.Text).RootElement.Clone()).ToList();

        Assert.Equal(4, lines.Count);
        Assert.All(lines[..^1], line => JsonShape.AssertSame(realChunk, line));
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        Assert.Equal(JsonValueKind.Array, lines[^1].GetProperty("context").ValueKind);
    }

    [Fact]
    public async Task UnknownModel_Returns404WithOllamasExactText()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"model":"llama3","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(404, response.Status);
        Assert.Equal("""{"error":"model 'llama3' not found"}""", SimWorld.Text(response));
    }

    [Fact]
    public async Task MissingModel_Returns400ModelIsRequired()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(400, response.Status);
        Assert.Contains("""{"error":"model is required"}""", Fixtures.Text("ollama", "errors_REAL_and_source.txt"), StringComparison.Ordinal);
        Assert.Equal("""{"error":"model is required"}""", SimWorld.Text(response));
    }

    [Fact]
    public async Task EmbeddingModel_DoesNotSupportChat()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"model":"nomic-embed-text","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(400, response.Status);
        Assert.Equal("""{"error":"\"nomic-embed-text\" does not support chat"}""", SimWorld.Text(response));
    }

    [Fact]
    public async Task EmptyMessages_LoadTheModel_AnsweringLikeTheRealLoadResponse()
    {
        var world = SimWorld.Seeded(SomeLab.OllamaOn3060("llama3.2:3b", "qwen2.5:7b"));

        var (response, elapsed) = await world.Timed(SimWorld.Post("10.0.0.5", Port, "/api/chat", """{"model":"qwen2.5:7b","messages":[]}"""));

        var body = SimWorld.Json(response);
        JsonShape.AssertSame(Fixtures.Json("ollama", "chat_load_response.json"), body);
        Assert.Equal("load", body.GetProperty("done_reason").GetString());
        var expected = PerformanceModel.LoadSeconds(ModelCatalog.Find("qwen2.5:7b"), AcceleratorProfiles.Find(Core.Registry.AcceleratorKind.Nvidia, "RTX 3060"));
        Assert.InRange(elapsed.TotalSeconds, expected - 0.002, expected + 0.002);
        Assert.Contains(world.Service("gpu1", "ollama").Models, m => m.Name == "qwen2.5:7b" && m.IsReady);
    }

    [Fact]
    public async Task EmptyMessagesWithKeepAliveZero_UnloadTheModel()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(Chat("""{"model":"llama3.2:3b","messages":[],"keep_alive":0}"""));
        var ps = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/api/ps")));

        var body = SimWorld.Json(response);
        JsonShape.AssertSame(Fixtures.Json("ollama", "chat_unload_response.json"), body);
        Assert.Equal("unload", body.GetProperty("done_reason").GetString());
        Assert.Empty(ps.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public async Task Embed_ReturnsOneUnitVectorPerInput()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Post(SomeLab.Brian, Port, "/api/embed", """{"model":"nomic-embed-text","input":["first text","second text"]}""")));

        var vectors = body.GetProperty("embeddings").EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToList();
        Assert.Equal(2, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(768, v.Length));
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => x * x)), 0.999, 1.001));
        Assert.NotEqual(vectors[0], vectors[1]);
        Assert.True(body.GetProperty("total_duration").GetInt64() > 0);
    }

    [Fact]
    public async Task OpenAiChat_StreamsServerSentEventsEndingWithDone()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Send(SimWorld.Post(SomeLab.Brian, Port, "/v1/chat/completions", """{"model":"llama3.2:3b","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true}"""));
        var events = string.Concat((await world.ReadStream(response)).Select(c => c.Text)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("text/event-stream", response.ContentType, StringComparison.Ordinal);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone()).ToList();
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.Equal("fp_ollama", c.GetProperty("system_fingerprint").GetString()));
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Matches(new Regex("^chatcmpl-[0-9]+$"), chunks[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task OpenAiUnknownModel_UsesOllamasOpenAiErrorShape()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(SimWorld.Post(SomeLab.Brian, Port, "/v1/chat/completions", """{"model":"ollama","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(404, response.Status);
        // Shape quoted in ollama#…/picobot#6: {"error":{"message":…,"type":"api_error","param":null,"code":null}}.
        var real = JsonDocument.Parse(Fixtures.Text("ollama", "errors_REAL_and_source.txt").Split('\n').Single(l => l.StartsWith("{\"error\":{", StringComparison.Ordinal))).RootElement;
        var body = SimWorld.Json(response);
        JsonShape.AssertSame(real, body);
        Assert.Equal("model \"ollama\" not found, try pulling it first", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task OpenAiModels_ListPulledModels()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var body = SimWorld.Json(await world.Run(SimWorld.Get(SomeLab.Brian, Port, "/v1/models")));

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(["llama3.2:3b", "nomic-embed-text:latest"], body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.All(body.GetProperty("data").EnumerateArray(), m => Assert.Equal("library", m.GetProperty("owned_by").GetString()));
    }
}
