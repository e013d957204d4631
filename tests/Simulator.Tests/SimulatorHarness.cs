using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests;

/// <summary>An engine on a manual clock with an HttpClient going through <see cref="SimulatorMessageHandler"/>, as the CLI uses it.</summary>
internal sealed class SimulatorHarness : IDisposable
{
    public SimulatorHarness(ClusterConfig? config = null, PveAgentSimulatorOptions? options = null, ManualTimeProvider? clock = null, IEnumerable<ISimulatorComponent>? components = null)
    {
        Clock = clock ?? new ManualTimeProvider();
        Engine = new SimulatorEngine(config ?? Some.HomeLab(), options ?? new PveAgentSimulatorOptions { PersistState = false }, components, Clock);
        Client = NewClient(Engine, Some.TokenId, Some.Secret);
    }

    public ManualTimeProvider Clock { get; }

    public SimulatorEngine Engine { get; }

    public HttpClient Client { get; }

    public static HttpClient NewClient(SimulatorEngine engine, string tokenId, string secret)
    {
        var client = new HttpClient(new SimulatorMessageHandler(engine)) { BaseAddress = new Uri(Some.ApiBase) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={tokenId}={secret}");
        return client;
    }

    public async Task<Answer> GetAsync(string path) => await Answer.ReadAsync(await Client.GetAsync(path));

    public async Task<Answer> PostAsync(string path, params (string Key, string Value)[] form) =>
        await Answer.ReadAsync(await Client.PostAsync(path, new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value)))));

    public async Task<Answer> PutAsync(string path, params (string Key, string Value)[] form) =>
        await Answer.ReadAsync(await Client.PutAsync(path, new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value)))));

    public async Task<Answer> DeleteAsync(string path) => await Answer.ReadAsync(await Client.DeleteAsync(path));

    /// <summary>Posts and returns the UPID, failing when the call is not accepted.</summary>
    public async Task<string> StartTaskAsync(string path, params (string Key, string Value)[] form)
    {
        var answer = await PostAsync(path, form);
        Assert.True(answer.Status == HttpStatusCode.OK, $"POST {path} answered {(int)answer.Status} {answer.Reason}");
        return answer.Data!.GetValue<string>();
    }

    /// <summary>Status of a task (on the node named in its UPID).</summary>
    public async Task<JsonObject> TaskStatusAsync(string upid)
    {
        var node = upid.Split(':')[1];
        var answer = await GetAsync($"nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Data!.AsObject();
    }

    /// <summary>Advances the clock second by second until the task stops; returns its final status.</summary>
    public async Task<JsonObject> CompleteAsync(string upid)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await TaskStatusAsync(upid);
            if (status["status"]!.GetValue<string>() == "stopped")
            {
                return status;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException($"Task {upid} did not finish within 600 simulated seconds.");
    }

    public async Task<List<string>> TaskLogAsync(string upid)
    {
        var node = upid.Split(':')[1];
        var answer = await GetAsync($"nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log?limit=0");
        return [.. answer.Data!.AsArray().Select(l => l!["t"]!.GetValue<string>())];
    }

    public void Dispose()
    {
        Client.Dispose();
        Engine.Dispose();
    }

    /// <summary>An HTTP answer: status, reason phrase, parsed body.</summary>
    internal sealed record Answer(HttpStatusCode Status, string? Reason, JsonNode? Body, MediaTypeHeaderValue? ContentType)
    {
        public JsonNode? Data => Body?["data"];

        public static async Task<Answer> ReadAsync(HttpResponseMessage response)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                return new Answer(response.StatusCode, response.ReasonPhrase, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType);
            }
        }
    }
}
