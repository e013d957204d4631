namespace PveAgent.Core.Execution;

/// <summary>Endpoint URLs under a service's base URL, which may carry a path prefix (<c>http://host:8000/proxy/</c>).</summary>
internal static class Endpoints
{
    public static Uri Resolve(Uri baseUrl, string relative)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The service URL must be absolute, got \"{baseUrl}\".", nameof(baseUrl));
        }

        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, relative);
    }
}
