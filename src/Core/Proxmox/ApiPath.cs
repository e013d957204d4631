namespace PveAgent.Core.Proxmox;

/// <summary>An API path twice: readable for messages and logs, and with every segment percent-encoded for the request.</summary>
/// <remarks>
/// Segments are encoded completely (<c>:</c>, <c>!</c>, <c>@</c> in UPIDs): PVE un-escapes the path before routing, and a raw
/// <c>!</c> of a token UPID is known to break requests.
/// </remarks>
internal readonly record struct ApiPath(string Display, string Relative)
{
    public static ApiPath Of(params ReadOnlySpan<string> segments)
    {
        var display = new List<string>(segments.Length);
        var encoded = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            display.Add(segment);
            encoded.Add(Uri.EscapeDataString(segment));
        }

        return new ApiPath("/" + string.Join('/', display), string.Join('/', encoded));
    }

    public override string ToString() => Display;
}
