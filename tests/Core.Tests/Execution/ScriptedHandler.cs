using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PveAgent.Core.Tests.Execution;

/// <summary>Answers requests by path with scripted responses; records each request's method, path and body text.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);
    private readonly List<(string Method, string Path, string Body)> _requests = [];

    public IReadOnlyList<(string Method, string Path, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ScriptedHandler Answer(string path, HttpStatusCode status, string body, string contentType)
    {
        _routes[path] = (_, _) =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        };
        return this;
    }

    /// <summary>Streams <paramref name="stream"/> as the body (e.g. a pipe the test writes to).</summary>
    public ScriptedHandler Stream(string path, Stream stream, string contentType)
    {
        _routes[path] = (_, _) =>
        {
            var content = new StreamContent(stream);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        };
        return this;
    }

    /// <summary>Fails like SocketsHttpHandler when nothing listens on the port.</summary>
    public ScriptedHandler Refuse(string path)
    {
        _routes[path] = (request, _) => throw new HttpRequestException(
            HttpRequestError.ConnectionError,
            $"Connection refused ({request.RequestUri!.Authority})",
            new SocketException((int)SocketError.ConnectionRefused));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, body));
        }

        return _routes.TryGetValue(request.RequestUri.AbsolutePath, out var route)
            ? await route(request, cancellationToken)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") };
    }
}
