using System.Net;
using System.Net.Sockets;
using PveAgent.Simulator.Hosting;

namespace PveAgent.Simulator;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers from the simulator instead of the network, so an ordinary
/// <see cref="HttpClient"/> talks to the simulated cluster in-process, with no socket at all.
/// </summary>
public sealed class SimulatorMessageHandler : HttpMessageHandler
{
    private readonly SimulatorEngine _engine;

    /// <summary>Creates a handler answering from <paramref name="engine"/>.</summary>
    public SimulatorMessageHandler(SimulatorEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI; set HttpClient.BaseAddress or an absolute request URI.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        byte[] body = [];
        string? contentType = null;
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
            {
                headers[name] = string.Join(",", values);
            }

            contentType = content.Headers.ContentType?.ToString();
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var simRequest = new SimRequest
        {
            Method = request.Method.Method.ToUpperInvariant(),
            Host = uri.IdnHost.ToLowerInvariant(),
            Port = uri.Port,
            Path = uri.AbsolutePath,
            Query = uri.Query.TrimStart('?'),
            Headers = headers,
            ContentType = contentType,
            Body = body,
        };
        var answer = await _engine.HandleAsync(simRequest, cancellationToken).ConfigureAwait(false);
        if (answer.ConnectionRefused)
        {
            // Exactly what SocketsHttpHandler throws when nothing listens on the port.
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"Connection refused ({uri.Host}:{uri.Port})",
                new SocketException((int)SocketError.ConnectionRefused));
        }

        HttpContent responseContent = answer.Stream is { } stream
            ? new StreamContent(new AsyncEnumerableStream(stream))
            : new ByteArrayContent(answer.Body.ToArray());
        if (!string.IsNullOrEmpty(answer.ContentType))
        {
            responseContent.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            ReasonPhrase = answer.ReasonPhrase,
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = responseContent,
        };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                responseContent.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
