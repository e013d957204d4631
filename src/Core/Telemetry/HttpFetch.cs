using System.Net.Http.Headers;

namespace PveAgent.Core.Telemetry;

/// <summary>The outcome of one GET: a status and body, or why there was no answer.</summary>
internal sealed record HttpFetchResult(int? StatusCode, string Body, string? TransportError, bool TimedOut)
{
    public bool Answered => StatusCode is not null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>One GET with a timeout on an injected clock; connection failures and timeouts become values.</summary>
internal static class HttpFetch
{
    public static async Task<HttpFetchResult> GetAsync(
        HttpClient http,
        Uri uri,
        string? bearerToken,
        CancellationToken requestToken,
        CancellationToken callerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(NodeAgentProtocol.AuthorizationScheme, bearerToken);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, requestToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(requestToken).ConfigureAwait(false);
            return new HttpFetchResult((int)response.StatusCode, body, null, false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return new HttpFetchResult(null, string.Empty, null, true);
        }
        catch (HttpRequestException ex)
        {
            return new HttpFetchResult(null, string.Empty, ex.InnerException?.Message ?? ex.Message, false);
        }
    }

    /// <summary><paramref name="baseUri"/> with <paramref name="path"/> appended (keeping any path prefix of the base).</summary>
    public static Uri Combine(Uri baseUri, string path)
    {
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        return new Uri(root, path.TrimStart('/'));
    }
}
