using System.Net;
using System.Text;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>Serves canned answers by absolute path; records the requests it saw.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _routes =
        new(StringComparer.Ordinal);

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>Paths without a route answer 404 unless this is set.</summary>
    public Func<HttpRequestMessage, Task<HttpResponseMessage>>? Fallback { get; set; }

    public StubHttpHandler Serve(string path, HttpStatusCode status, string body, string contentType = "application/json")
    {
        _routes[path] = (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
        return this;
    }

    public StubHttpHandler Serve(string path, string body) => Serve(path, HttpStatusCode.OK, body);

    public StubHttpHandler Refuse(string path)
    {
        _routes[path] = (_, _) => throw new HttpRequestException("Connection refused (192.0.2.1:8000)");
        return this;
    }

    /// <summary>Never answers; signals <paramref name="arrived"/> when the request comes in, then waits for cancellation.</summary>
    public StubHttpHandler Hang(string path, TaskCompletionSource arrived)
    {
        _routes[path] = async (_, token) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        if (_routes.TryGetValue(request.RequestUri!.AbsolutePath, out var route))
        {
            return route(request, cancellationToken);
        }

        return Fallback?.Invoke(request)
            ?? Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") });
    }
}
