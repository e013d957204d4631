namespace PveAgent.Core.Tests.Execution;

/// <summary>Passes requests on and remembers each one's method, path, query and body text.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<Recorded> _requests = [];

    public IReadOnlyList<Recorded> All
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests whose method is <paramref name="method"/> and whose path ends with <paramref name="pathEnd"/>.</summary>
    public IReadOnlyList<Recorded> Matching(string method, string pathEnd) =>
        [.. All.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add(new Recorded(request.Method.Method, request.RequestUri!.Host, request.RequestUri.Port, Uri.UnescapeDataString(request.RequestUri.AbsolutePath), request.RequestUri.Query, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    internal sealed record Recorded(string Method, string Host, int Port, string Path, string Query, string Body);
}
