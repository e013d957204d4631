using System.Net;
using System.Text;

namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>An in-memory transport: answers each request through a callback and records what was sent.</summary>
public sealed class StubHttpHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>Answers every request with the same status, reason phrase and body.</summary>
    public StubHttpHandler(int status, string body, string? reasonPhrase = null)
        : this((_, _) => Task.FromResult(Response(status, body, reasonPhrase)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int CallCount => Requests.Count;

    public static HttpResponseMessage Response(int status, string body, string? reasonPhrase = null) =>
        Response(status, Encoding.UTF8.GetBytes(body), reasonPhrase);

    public static HttpResponseMessage Response(int status, byte[] body, string? reasonPhrase = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
        if (reasonPhrase is not null)
        {
            response.ReasonPhrase = reasonPhrase;
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null,
            request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken),
            request.Content?.Headers.ContentType?.ToString());
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        return await respond(recorded, cancellationToken);
    }
}

/// <summary>What the client sent.</summary>
public sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? Body, string? ContentType)
{
    /// <summary>Path below <c>/api2/json</c>, still percent-encoded.</summary>
    public string ApiPath => Uri.AbsolutePath.Replace("/api2/json", "", StringComparison.Ordinal);

    public string Query => Uri.Query.TrimStart('?');
}
