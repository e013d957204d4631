namespace PveAgent.Core.Registry.Binding;

/// <summary>Reads an absolute http(s) URL, reporting anything else.</summary>
internal static class HttpUrl
{
    public static Uri? Get(ConfigMapping mapping, string key, ConfigBindingContext context, string example)
    {
        if (mapping.GetString(key) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        context.ReportError(mapping.ValueOf(key)!, $"{mapping.Label(key)} is not an http(s) URL: '{text}'", $"write a full address, e.g. {key}: {example}");
        return null;
    }
}
