using System.Text.RegularExpressions;

namespace PveAgent.Core.Security;

/// <summary>
/// Removes secrets from text before it is logged, printed or stored: every secret value registered at run time
/// (the resolved API token, LLM API keys) and, as a second line of defence, anything shaped like a PVE API token
/// header or a bearer token.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>Registers a secret value so it is masked wherever it appears; values shorter than 4 characters are ignored (they would mask ordinary words).</summary>
    public void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so a secret that contains another is masked whole.
                _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
            }
        }
    }

    /// <summary>Returns <paramref name="text"/> with every known secret and token-shaped value masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = text;
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }

        result = PveTokenHeader().Replace(result, m => m.Groups["id"].Value + "=" + Mask);
        return BearerToken().Replace(result, "Bearer " + Mask);
    }

    // PVEAPIToken=user@realm!tokenid=SECRET — the secret is everything after the last '='.
    [GeneratedRegex(@"(?<id>PVEAPIToken[= ][^=\s]+![^=\s]+)=[^\s""',;]+", RegexOptions.CultureInvariant)]
    private static partial Regex PveTokenHeader();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
