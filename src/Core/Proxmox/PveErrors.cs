using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.Core.Proxmox.Json;

namespace PveAgent.Core.Proxmox;

/// <summary>Turns PVE error answers and transport failures into <see cref="PveApiException"/>s whose message says what to do.</summary>
internal static partial class PveErrors
{
    /// <summary>pve-http-server delays every 401 by 3 s; a shorter timeout turns a wrong token into a "timeout".</summary>
    private static readonly TimeSpan AuthenticationDelay = TimeSpan.FromSeconds(4);

    /// <summary>Maps an HTTP answer that is not 2xx.</summary>
    public static PveApiException FromResponse(CallContext call, int status, string? reasonPhrase, ReadOnlySpan<byte> body)
    {
        var parsed = ParseBody(body);
        var pveMessage = ChooseMessage(status, reasonPhrase, parsed?.Message);
        var parameterErrors = ParameterErrors(parsed);
        var kind = Classify(status, pveMessage);
        var shown = pveMessage is null ? $"{status}" : $"{status} {pveMessage}";
        var message = kind switch
        {
            PveErrorKind.InvalidParameters when parameterErrors.Count > 0 =>
                $"Proxmox rejected the parameters of {call}: {string.Join("; ", parameterErrors.Select(e => $"{e.Key}: {e.Value}"))}. Fix these values and try again.",
            PveErrorKind.InvalidParameters =>
                $"Proxmox rejected {call} ({shown}).",
            PveErrorKind.Authentication =>
                $"Proxmox at {call.Endpoint} answered {call} with {shown}: authentication failed: check user, token_name and the token secret " +
                "(the token must exist under Datacenter > Permissions > API Tokens and must not have expired).",
            PveErrorKind.Permission => DescribePermission(call, pveMessage),
            PveErrorKind.NotFound =>
                $"{pveMessage ?? "Not found"} ({call}): check the node name and vmid; the guest may have been deleted or moved to another node (/cluster/resources shows where it is now).",
            PveErrorKind.Locked =>
                $"{pveMessage} ({call}): another operation holds the guest's lock. Wait for it to finish (its task shows in the PVE web UI); " +
                "a stale lock left by a crashed task is removed on the node with `qm unlock <vmid>` or `pct unlock <vmid>`.",
            PveErrorKind.NodeUnreachable =>
                $"Proxmox at {call.Endpoint} could not reach the node that serves {call} ({shown}): that node is probably offline or its pveproxy is down; check with `pvecm status` on a cluster node.",
            PveErrorKind.Protocol when status == 501 =>
                $"Proxmox at {call.Endpoint} does not implement {call} ({shown}): this PVE version may be too old for that call.",
            PveErrorKind.Protocol =>
                $"Proxmox at {call.Endpoint} answered {call} with an unexpected {shown}.",
            _ => $"Proxmox failed {call} ({shown}).",
        };
        return new PveApiException(kind, message)
        {
            StatusCode = status,
            Method = call.Method,
            Path = call.Path,
            Endpoint = call.Endpoint,
            PveMessage = pveMessage,
            ParameterErrors = parameterErrors,
        };
    }

    /// <summary>Maps a failure to get any answer.</summary>
    public static PveApiException FromTransport(CallContext call, HttpRequestException exception)
    {
        var socket = Find<SocketException>(exception);
        switch (exception.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
                return Build(call, PveErrorKind.HostNotFound, exception, requestSent: false,
                    $"Cannot resolve the Proxmox host name '{call.Host}' ({call.Endpoint}, proxmox.host in cluster.yaml): check the spelling and your DNS, or use the node's IP address.");
            case HttpRequestError.ConnectionError when socket?.SocketErrorCode == SocketError.TimedOut || Find<TimeoutException>(exception) is not null:
                return Build(call, PveErrorKind.Timeout, exception, requestSent: false,
                    $"Connecting to Proxmox at {call.Endpoint} timed out: check that the host is up and that no firewall drops traffic to port {call.Port}.");
            case HttpRequestError.ConnectionError:
                var reason = socket?.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostUnreachable => "no route to host",
                    SocketError.NetworkUnreachable => "network unreachable",
                    { } code => code.ToString(),
                    null => exception.Message,
                };
                return Build(call, PveErrorKind.ConnectionRefused, exception, requestSent: false,
                    $"Cannot connect to Proxmox at {call.Endpoint}: {reason}. Check that the host is up, that pveproxy runs on it (`systemctl status pveproxy`) and that proxmox.port is right (PVE listens on 8006).");
            case HttpRequestError.SecureConnectionError when Find<CertificateRejectedException>(exception) is { } rejected:
                return FromCertificate(call, rejected, exception);
            case HttpRequestError.SecureConnectionError:
                return Build(call, PveErrorKind.Protocol, exception, requestSent: false,
                    $"The TLS handshake with {call.Endpoint} failed ({Innermost(exception).Message}): check that proxmox.port is pveproxy's HTTPS port (8006).");
            case HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError:
                return Build(call, PveErrorKind.Protocol, exception, requestSent: true,
                    $"{call.Endpoint} did not answer {call} with valid HTTP ({Innermost(exception).Message}): is proxmox.host:port really a Proxmox VE API?");
            default:
                return Build(call, PveErrorKind.ServerError, exception, requestSent: true,
                    $"The connection to Proxmox at {call.Endpoint} broke before the answer to {call} was complete ({Innermost(exception).Message}).");
        }
    }

    /// <summary>The host stayed silent for the whole request timeout.</summary>
    public static PveApiException Timeout(CallContext call, TimeSpan timeout, Exception inner) =>
        Build(call, PveErrorKind.Timeout, inner, requestSent: true,
            $"Proxmox at {call.Endpoint} did not answer {call} within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: check that the host is up and reachable, that the port is pveproxy's (8006) " +
            "and that no firewall silently drops the traffic; on a slow link raise proxmox.timeout_seconds." +
            (timeout < AuthenticationDelay
                ? " Note that PVE answers a rejected token only after 3 s, so a timeout this short also hides authentication failures."
                : ""));

    /// <summary>A 2xx answer this client cannot read.</summary>
    public static PveApiException Protocol(CallContext call, string detail, Exception? inner = null) =>
        Build(call, PveErrorKind.Protocol, inner, requestSent: true, $"Proxmox's answer to {call} could not be read: {detail}");

    private static PveApiException FromCertificate(CallContext call, CertificateRejectedException rejected, Exception outer)
    {
        var message = rejected.Kind == PveErrorKind.CertificateMismatch
            ? $"The TLS certificate of {call.Endpoint} does not match the pinned fingerprint: expected {rejected.ExpectedFingerprint}, got {rejected.ActualFingerprint ?? "no certificate"}. " +
              "The API token was not sent. If the certificate was renewed on purpose, check the new fingerprint on the node (`pvenode cert info`) and update proxmox.fingerprint; " +
              "otherwise someone may be intercepting the connection."
            : $"The TLS certificate of {call.Endpoint} is not trusted ({Describe(rejected.PolicyErrors)}); the API token was not sent. Proxmox uses a self-signed certificate by default: " +
              $"check the fingerprint on the node (`pvenode cert info`) and, if it is {rejected.ActualFingerprint}, pin it with proxmox.fingerprint in cluster.yaml (or trust the cluster CA /etc/pve/pve-root-ca.pem).";
        return new PveApiException(rejected.Kind, message, outer)
        {
            Method = call.Method,
            Path = call.Path,
            Endpoint = call.Endpoint,
            ExpectedFingerprint = rejected.ExpectedFingerprint,
            ActualFingerprint = rejected.ActualFingerprint,
            RequestSent = false,
        };
    }

    private static string Describe(SslPolicyErrors errors) =>
        errors switch
        {
            SslPolicyErrors.RemoteCertificateChainErrors => "issuer unknown: self-signed or signed by a private CA",
            SslPolicyErrors.RemoteCertificateNameMismatch => "issued for another host name",
            SslPolicyErrors.RemoteCertificateNotAvailable => "no certificate presented",
            _ => errors.ToString(),
        };

    private static string DescribePermission(CallContext call, string? pveMessage)
    {
        var match = pveMessage is null ? null : PermissionPattern().Match(pveMessage);
        if (match is { Success: true })
        {
            var aclPath = match.Groups["path"].Value.Trim();
            var privilege = match.Groups["privs"].Value.Trim();
            return $"The API token may not {call}: Proxmox says \"{pveMessage}\". Grant privilege {privilege} on {aclPath} to the token, e.g. " +
                   $"`pveum acl modify {aclPath} --tokens '<user>@<realm>!<token>' --roles <a role with {privilege}>`; a privilege-separated token only has the ACLs given to the token itself.";
        }

        return $"The API token may not {call}: Proxmox says \"{pveMessage ?? "permission denied"}\". Grant the token the missing privilege (Datacenter > Permissions); a privilege-separated token only has the ACLs given to the token itself.";
    }

    private static PveErrorKind Classify(int status, string? pveMessage) =>
        status switch
        {
            400 => PveErrorKind.InvalidParameters,
            401 => PveErrorKind.Authentication,
            403 => PveErrorKind.Permission,
            404 => PveErrorKind.NotFound,
            500 when pveMessage is not null && NotFoundPattern().IsMatch(pveMessage) => PveErrorKind.NotFound,
            500 when pveMessage is not null && LockedPattern().IsMatch(pveMessage) => PveErrorKind.Locked,
            501 => PveErrorKind.Protocol,
            >= 595 and <= 599 => PveErrorKind.NodeUnreachable,
            >= 500 and <= 599 => PveErrorKind.ServerError,
            _ => PveErrorKind.Protocol,
        };

    /// <summary>PVE's text is the reason phrase; newer servers repeat it as the body's <c>message</c>, which wins only over a generic phrase.</summary>
    private static string? ChooseMessage(int status, string? reasonPhrase, string? bodyMessage)
    {
        var reason = Clean(reasonPhrase);
        var fromBody = Clean(bodyMessage);
        if (reason is null || (fromBody is not null && IsGenericPhrase(status, reason)))
        {
            return fromBody ?? reason;
        }

        return reason;
    }

    private static bool IsGenericPhrase(int status, string reason) =>
        (status, reason) is (400, "Bad Request") or (401, "Unauthorized") or (403, "Forbidden") or (404, "Not Found")
            or (500, "Internal Server Error") or (501, "Not Implemented") or (502, "Bad Gateway") or (503, "Service Unavailable") or (504, "Gateway Timeout");

    private static Dictionary<string, string> ParameterErrors(PveErrorBody? body)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body?.Errors is null)
        {
            return errors;
        }

        foreach (var (name, value) in body.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            errors[name] = Clean(text) ?? "invalid";
        }

        return errors;
    }

    private static PveErrorBody? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, PveJsonContext.Default.PveErrorBody);
        }
        catch (JsonException)
        {
            // An HTML error page from a reverse proxy, say: the status and reason phrase still say enough.
            return null;
        }
    }

    /// <summary>One line, no trailing newline: PVE's texts end in "\n" and nest sub-errors on further lines.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static PveApiException Build(CallContext call, PveErrorKind kind, Exception? inner, bool requestSent, string message) =>
        new(kind, message, inner)
        {
            Method = call.Method,
            Path = call.Path,
            Endpoint = call.Endpoint,
            RequestSent = requestSent,
        };

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }

    [GeneratedRegex(@"Permission check failed \((?<path>[^,)]+),\s*(?<privs>[^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionPattern();

    [GeneratedRegex(@"does not exist|no such (VM|CT|vm|container|node|task)", RegexOptions.CultureInvariant)]
    private static partial Regex NotFoundPattern();

    [GeneratedRegex(@"\b(VM|CT) is locked\b|can't lock file", RegexOptions.CultureInvariant)]
    private static partial Regex LockedPattern();
}
