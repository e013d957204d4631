using PveAgent.Core.Registry;

namespace PveAgent.Core.Proxmox;

/// <summary>An API token (<c>user@realm!tokenname</c> plus its secret); the secret never appears in <see cref="ToString"/>.</summary>
public sealed class ProxmoxCredentials
{
    /// <summary>Creates credentials from a token id (<c>user@realm!tokenname</c>) and its secret.</summary>
    public ProxmoxCredentials(string tokenId, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var bang = tokenId.IndexOf('!', StringComparison.Ordinal);
        if (bang <= 0 || bang == tokenId.Length - 1 || !tokenId[..bang].Contains('@', StringComparison.Ordinal) || tokenId.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{tokenId}' is not a Proxmox API token id: expected user@realm!tokenname, e.g. pveagent@pve!orchestrator.", nameof(tokenId));
        }

        if (secret.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            // The message must not echo the value: it is the secret.
            throw new ArgumentException("The token secret contains a line break; it must be a single line (the UUID PVE showed when the token was created).", nameof(secret));
        }

        TokenId = tokenId;
        Secret = secret;
    }

    /// <summary>The token id, <c>user@realm!tokenname</c>.</summary>
    public string TokenId { get; }

    /// <summary>The secret; internal so that nothing outside the client can print it.</summary>
    internal string Secret { get; }

    /// <summary>The value of the <c>Authorization</c> header.</summary>
    internal string AuthorizationHeaderValue => $"PVEAPIToken={TokenId}={Secret}";

    /// <summary>Reads the secret named by the connection's <see cref="TokenSecretSource"/> (environment variable, file, or inline).</summary>
    /// <param name="connection">The <c>proxmox:</c> section of cluster.yaml.</param>
    /// <param name="getEnvironmentVariable">Environment lookup; defaults to the process environment (tests pass their own).</param>
    /// <exception cref="PveApiException">Kind <see cref="PveErrorKind.Authentication"/> when the secret cannot be read; the message names the variable or file and how to set it.</exception>
    public static ProxmoxCredentials Resolve(ProxmoxConnectionConfig connection, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        var tokenId = $"{connection.User}!{connection.TokenName}";
        var source = connection.TokenSecret;
        var secret = source switch
        {
            { EnvironmentVariable: { } variable } => FromEnvironment(variable, getEnvironmentVariable),
            { FilePath: { } path } => FromFile(path, getEnvironmentVariable),
            { IsInline: true, InlineValue: { } inline } when !string.IsNullOrWhiteSpace(inline) => inline.Trim(),
            _ => throw Missing("no token secret is configured. Set proxmox.token_value_env to the name of an environment variable holding it (recommended) or proxmox.token_value_file to a file whose first line is the secret."),
        };
        return new ProxmoxCredentials(tokenId, secret);
    }

    /// <summary>Redacted: shows the token id, never the secret.</summary>
    public override string ToString() => $"PVEAPIToken={TokenId}=***";

    /// <summary>Tells <paramref name="redactor"/> to mask the secret wherever it might appear (logs, errors, output) — without handing it out.</summary>
    public void RegisterSecretWith(Security.SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        redactor.Register(Secret);
    }

    private static string FromEnvironment(string variable, Func<string, string?> getEnvironmentVariable)
    {
        var value = getEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw Missing($"environment variable {variable} (proxmox.token_value_env) is not set or empty. Set it to the token secret, e.g. `export {variable}=<secret>` before running, or use proxmox.token_value_file.")
            : value.Trim();
    }

    private static string FromFile(string path, Func<string, string?> getEnvironmentVariable)
    {
        var fullPath = ExpandHome(path, getEnvironmentVariable);
        string? firstLine;
        try
        {
            using var reader = new StreamReader(fullPath);
            firstLine = reader.ReadLine();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Missing($"the token secret file {fullPath} (proxmox.token_value_file) cannot be read: {ex.Message} Create it with the secret on its first line and make it readable only by you (chmod 600).", ex);
        }

        return string.IsNullOrWhiteSpace(firstLine)
            ? throw Missing($"the token secret file {fullPath} (proxmox.token_value_file) is empty: put the secret on its first line.")
            : firstLine.Trim();
    }

    private static string ExpandHome(string path, Func<string, string?> getEnvironmentVariable)
    {
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
        {
            return path;
        }

        var home = getEnvironmentVariable("HOME") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return path.Length == 1 ? home : Path.Combine(home, path[2..]);
    }

    private static PveApiException Missing(string detail, Exception? inner = null) =>
        new(PveErrorKind.Authentication, $"Cannot authenticate to Proxmox: {detail}", inner);
}
