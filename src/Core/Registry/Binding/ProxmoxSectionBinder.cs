using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>
/// Binds the Proxmox connection into <see cref="ProxmoxConnectionConfig"/>, from <c>cluster.proxmox:</c> or a top-level
/// <c>proxmox:</c> (either is accepted, both is an error).
/// </summary>
internal sealed class ProxmoxSectionBinder : IConfigSectionBinder
{
    private const string TokenSources = "token_value_env, token_value_file or token_value";

    private static readonly string[] Keys =
    [
        "host", "port", "user", "token_name", "token_value_env", "token_value_file", "token_value",
        "fingerprint", "insecure_skip_verify", "timeout_seconds",
    ];

    public string SectionName => "proxmox";

    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        var simulate = context.GetSection<ClusterSettings>()?.Simulate ?? false;
        var nested = NestedSection(context, out var nestedKey);
        var topLevel = section is not null && !ConfigBindingContext.IsNull(section) ? section : null;

        if (nested is not null && topLevel is not null)
        {
            context.ReportError(context.SectionKey("proxmox")!,
                $"the Proxmox connection is given twice: here and under 'cluster' (line {nestedKey!.Start.Line})",
                "keep one of them; 'cluster.proxmox' is the usual place");
        }

        var (node, anchor, description) = nested is not null
            ? (nested, (YamlNode)nestedKey!, "'cluster.proxmox'")
            : (topLevel, context.SectionKey("proxmox"), "'proxmox'");

        if (node is null)
        {
            if (!simulate)
            {
                context.ReportError(context.SectionKey("cluster") ?? (YamlNode)context.Root, "no Proxmox connection is configured",
                    "add 'proxmox:' under 'cluster:' with host, user, token_name and token_value_env, or set 'simulate: true' to use the built-in simulator");
            }

            return;
        }

        if (context.ReadMapping(node, description, Keys, anchor) is { } mapping && BindConnection(mapping, simulate, context) is { } connection)
        {
            context.SetSection(connection);
        }
    }

    private static YamlNode? NestedSection(ConfigBindingContext context, out YamlScalarNode? key)
    {
        key = null;
        if (context.Root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "cluster" }).Value is not YamlMappingNode cluster)
        {
            return null;
        }

        var entry = cluster.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "proxmox" });
        if (entry.Value is null || ConfigBindingContext.IsNull(entry.Value))
        {
            return null;
        }

        key = (YamlScalarNode)entry.Key;
        return entry.Value;
    }

    private static ProxmoxConnectionConfig? BindConnection(ConfigMapping proxmox, bool simulate, ConfigBindingContext context)
    {
        var host = proxmox.GetString("host", required: true,
            missingHint: "write the address of any cluster node, e.g. host: 192.168.0.2");
        if (host is not null && HostAddress.Problem(host) is { } problem)
        {
            context.ReportError(proxmox.ValueOf("host")!, $"host '{host}' in {proxmox.Description} is neither an IP address nor a hostname: {problem}",
                "write the IPv4 or IPv6 address or the DNS name of a cluster node");
            host = null;
        }

        var port = proxmox.GetInt("port", 1, 65535, "pveproxy listens on 8006 unless you changed it");
        var user = BindUser(proxmox, context);
        var tokenName = BindTokenName(proxmox, context);
        var secret = BindSecret(proxmox, simulate, context);

        string? fingerprint = null;
        if (proxmox.GetString("fingerprint") is { } written)
        {
            fingerprint = CertificateFingerprint.Normalize(written);
            if (fingerprint is null)
            {
                context.ReportError(proxmox.ValueOf("fingerprint")!,
                    $"fingerprint in {proxmox.Description} is not a SHA-256 fingerprint: {CertificateFingerprint.Problem(written)}",
                    "write 32 hexadecimal pairs separated by ':' (\"AB:CD:…\"), as shown for pveproxy's certificate by `pvenode cert info` on the node");
            }
        }

        var insecure = proxmox.GetBool("insecure_skip_verify") ?? false;
        if (insecure)
        {
            context.ReportWarning(proxmox.ValueOf("insecure_skip_verify")!, "certificate verification is disabled (insecure_skip_verify: true)",
                "pin the certificate instead with fingerprint: \"AB:CD:…\" (from `pvenode cert info`)");
        }

        var timeout = proxmox.GetNumber("timeout_seconds", min: 0, minExclusive: true, rangeHint: "write a number of seconds such as 10");

        if (host is null || user is null || tokenName is null || secret is null)
        {
            return null;
        }

        var connection = new ProxmoxConnectionConfig
        {
            Host = host,
            User = user,
            TokenName = tokenName,
            TokenSecret = secret,
            Fingerprint = fingerprint,
            InsecureSkipVerify = insecure,
        };
        connection = port is { } p ? connection with { Port = p } : connection;
        return timeout is { } t ? connection with { TimeoutSeconds = t } : connection;
    }

    private static string? BindUser(ConfigMapping proxmox, ConfigBindingContext context)
    {
        var user = proxmox.GetString("user", required: true, missingHint: "write the user that owns the API token with its realm, e.g. user: pveagent@pve");
        if (user is null)
        {
            return null;
        }

        var at = user.IndexOf('@', StringComparison.Ordinal);
        if (user.Contains('!', StringComparison.Ordinal))
        {
            context.ReportError(proxmox.ValueOf("user")!, $"user '{user}' in {proxmox.Description} includes the token id",
                "write only user@realm in 'user' and the part after '!' in 'token_name'");
            return null;
        }

        if (at <= 0 || at == user.Length - 1)
        {
            context.ReportError(proxmox.ValueOf("user")!, $"user '{user}' in {proxmox.Description} has no realm",
                "write it as user@realm, e.g. root@pam or pveagent@pve");
            return null;
        }

        return user;
    }

    private static string? BindTokenName(ConfigMapping proxmox, ConfigBindingContext context)
    {
        var tokenName = proxmox.GetString("token_name", required: true,
            missingHint: "write the token id (the part after '!' in user@realm!tokenid), e.g. token_name: orchestrator");
        if (tokenName is null)
        {
            return null;
        }

        if (tokenName.Contains('!', StringComparison.Ordinal))
        {
            context.ReportError(proxmox.ValueOf("token_name")!, $"token_name '{tokenName}' in {proxmox.Description} includes the user",
                $"write only the part after '!': token_name: {tokenName[(tokenName.LastIndexOf('!') + 1)..]}");
            return null;
        }

        if (!Identifiers.IsTokenName(tokenName))
        {
            context.ReportError(proxmox.ValueOf("token_name")!, $"token_name '{tokenName}' in {proxmox.Description} is not a valid Proxmox token id",
                "a token id starts with a letter and contains only letters, digits, '.', '-' and '_'");
            return null;
        }

        return tokenName;
    }

    // Nothing read here is ever echoed into a message: a secret pasted into the wrong key would otherwise be printed.
    private static TokenSecretSource? BindSecret(ConfigMapping proxmox, bool simulate, ConfigBindingContext context)
    {
        var keysGiven = new List<YamlScalarNode>();
        string? environmentVariable = null;
        string? filePath = null;
        string? inline = null;
        var broken = false;

        if (proxmox.ValueOf("token_value_env") is { } envNode)
        {
            keysGiven.Add(proxmox.KeyOf("token_value_env")!);
            environmentVariable = SecretFreeScalar(envNode, "token_value_env", proxmox, context);
            if (environmentVariable is not null && !Identifiers.IsEnvironmentVariableName(environmentVariable))
            {
                var looksLikeSecret = Identifiers.LooksLikeSecret(environmentVariable);
                context.ReportError(envNode,
                    looksLikeSecret
                        ? $"token_value_env in {proxmox.Description} looks like the token secret itself, not the name of an environment variable"
                        : $"token_value_env in {proxmox.Description} is not the name of an environment variable",
                    looksLikeSecret
                        ? "put the secret in an environment variable (export PVEAGENT_TOKEN=…) and write token_value_env: PVEAGENT_TOKEN"
                        : "write a name made of letters, digits and '_', e.g. token_value_env: PVEAGENT_TOKEN");
                environmentVariable = null;
            }

            broken |= environmentVariable is null;
        }

        if (proxmox.ValueOf("token_value_file") is { } fileNode)
        {
            keysGiven.Add(proxmox.KeyOf("token_value_file")!);
            filePath = SecretFreeScalar(fileNode, "token_value_file", proxmox, context);
            if (filePath is not null && Identifiers.LooksLikeSecret(filePath))
            {
                context.ReportError(fileNode, $"token_value_file in {proxmox.Description} looks like the token secret itself, not a file path",
                    "write the secret into a file readable only by you (chmod 600) and give its path, e.g. token_value_file: ~/.config/pveagent/token");
                filePath = null;
            }

            broken |= filePath is null;
        }

        if (proxmox.ValueOf("token_value") is { } inlineNode)
        {
            keysGiven.Add(proxmox.KeyOf("token_value")!);
            inline = SecretFreeScalar(inlineNode, "token_value", proxmox, context);
            if (inline is not null)
            {
                context.ReportWarning(proxmox.KeyOf("token_value")!, $"the secret is stored in plain text in {proxmox.Description}",
                    "use token_value_env (an environment variable) or token_value_file (a file readable only by you) instead of token_value");
            }

            broken |= inline is null;
        }

        if (keysGiven.Count > 1)
        {
            context.ReportError(keysGiven[1], $"{proxmox.Description} gives more than one token source ({string.Join(", ", keysGiven.Select(k => k.Value))})",
                $"keep exactly one of {TokenSources}");
            return null;
        }

        if (broken)
        {
            return null;
        }

        if (keysGiven.Count == 0 && !simulate)
        {
            context.ReportError(proxmox.Anchor, $"no API token secret in {proxmox.Description}: none of {TokenSources} is set",
                "add token_value_env: PVEAGENT_TOKEN (an environment variable holding the secret) or token_value_file: <path of a file holding it>");
            return null;
        }

        return new TokenSecretSource
        {
            EnvironmentVariable = environmentVariable,
            FilePath = filePath,
            IsInline = inline is not null,
            InlineValue = inline,
        };
    }

    private static string? SecretFreeScalar(YamlNode node, string key, ConfigMapping proxmox, ConfigBindingContext context)
    {
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        context.ReportError(node, $"{proxmox.Label(key)} must be a single value", "write it on the same line after the colon");
        return null;
    }
}
