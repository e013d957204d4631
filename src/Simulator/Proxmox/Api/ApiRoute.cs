using PveAgent.Simulator.Proxmox.Schema;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>Matches request paths against the endpoint templates (<c>/nodes/{node}/qemu/{vmid}</c>) and extracts path parameters.</summary>
internal static class ApiRoute
{
    /// <summary>Finds the endpoint for a method and path under <c>/api2/json</c>; path parameters are URL-decoded.</summary>
    public static (ApiEndpoint? Endpoint, Dictionary<string, string> PathParameters) Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var endpoint in ApiEndpoints.All)
        {
            var template = endpoint.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (template.Length != segments.Length)
            {
                continue;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var matched = true;
            for (var i = 0; i < template.Length && matched; i++)
            {
                if (template[i].StartsWith('{'))
                {
                    parameters[template[i][1..^1]] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    matched = template[i] == segments[i];
                }
            }

            if (!matched)
            {
                continue;
            }

            if (endpoint.Method == method)
            {
                return (endpoint, parameters);
            }
        }

        return (null, []);
    }
}
