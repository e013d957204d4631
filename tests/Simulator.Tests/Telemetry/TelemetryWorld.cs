using System.Text;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Telemetry;
using PveAgent.Simulator.Tests.Inference;

namespace PveAgent.Simulator.Tests.Telemetry;

/// <summary>A seeded inference world with the telemetry component reading its load.</summary>
internal sealed class TelemetryWorld
{
    private TelemetryWorld(ClusterConfig config, TelemetrySimulatorOptions? options, bool withLoad)
    {
        Inference = SimWorld.Seeded(config);
        Telemetry = new TelemetrySimulator(withLoad ? Inference.Inference : null, options);
        Telemetry.Seed(config, Inference.Context);
    }

    public SimWorld Inference { get; }

    public TelemetrySimulator Telemetry { get; }

    public static TelemetryWorld Create(ClusterConfig? config = null, TelemetrySimulatorOptions? options = null, bool withLoad = true) =>
        new(config ?? SomeLab.HomeLab(), options, withLoad);

    public Task<SimResponse> Get(string host, string path, string? token = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (token is not null)
        {
            headers["Authorization"] = "Bearer " + token;
        }

        return Telemetry.HandleAsync(new SimRequest { Method = "GET", Host = host, Port = 9100, Path = path, Headers = headers }, Inference.Context);
    }

    public async Task<string> Text(string host, string path)
    {
        var response = await Get(host, path);
        Assert.Equal(200, response.Status);
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    /// <summary>Starts a long generation on brian's qwen-2.5-32b (the third GPU) and lets it run for a moment.</summary>
    public Task BusyBrian()
    {
        var request = Inference.Send(SimWorld.Post(SomeLab.Brian, 8000, "/v1/chat/completions", """{"model":"qwen-2.5-32b","messages":[{"role":"user","content":"hi"}],"max_tokens":2000}"""));
        Inference.Advance(TimeSpan.FromSeconds(1));
        return request;
    }
}
