using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// A Proxmox task id (<c>UPID:node:pid:pstart:starttime:type:id:user:</c>), as returned by every asynchronous call.
/// </summary>
/// <remarks><see cref="ToString"/> returns the exact text PVE sent: the server finds the task log by that text.</remarks>
public sealed partial record Upid
{
    private readonly string _text;

    private Upid(string text, string node, long pid, long processStart, long startTime, string type, string id, string user, string? tokenId)
    {
        _text = text;
        Node = node;
        Pid = pid;
        ProcessStart = processStart;
        StartTime = startTime;
        Type = type;
        Id = id;
        User = user;
        TokenId = tokenId;
    }

    /// <summary>Node the task runs on (its status and log must be read there).</summary>
    public string Node { get; }

    /// <summary>Process id of the worker.</summary>
    public long Pid { get; }

    /// <summary>Start time of the worker process in clock ticks since the node booted (<c>pstart</c>).</summary>
    public long ProcessStart { get; }

    /// <summary>Task start as Unix time in seconds.</summary>
    public long StartTime { get; }

    /// <summary>Task start as a timestamp (node clock).</summary>
    public DateTimeOffset StartedAt => DateTimeOffset.FromUnixTimeSeconds(StartTime);

    /// <summary>Task type, e.g. <c>qmstart</c>, <c>vzmigrate</c>, <c>hastart</c>.</summary>
    public string Type { get; }

    /// <summary>Object the task works on, usually the vmid; may be empty (e.g. <c>aptupdate</c>).</summary>
    public string Id { get; }

    /// <summary>User that started the task (<c>user@realm</c>), without the token part.</summary>
    public string User { get; }

    /// <summary>API token name when a token started the task (the part after <c>!</c>), else null.</summary>
    public string? TokenId { get; }

    /// <summary>Parses a UPID, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static Upid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var upid)
            ? upid
            : throw new FormatException($"'{text}' is not a Proxmox task id (expected UPID:node:pid:pstart:starttime:type:id:user:).");
    }

    /// <summary>Parses a UPID, returning false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Upid? upid)
    {
        upid = null;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var user = match.Groups[8].Value;
        string? tokenId = null;
        var bang = user.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            tokenId = user[(bang + 1)..];
            user = user[..bang];
        }

        upid = new Upid(
            text,
            node: match.Groups[1].Value,
            pid: long.Parse(match.Groups[3].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            processStart: long.Parse(match.Groups[4].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            startTime: long.Parse(match.Groups[5].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            type: match.Groups[6].Value,
            id: match.Groups[7].Value,
            user: user,
            tokenId: tokenId);
        return true;
    }

    /// <summary>The UPID exactly as PVE wrote it.</summary>
    public override string ToString() => _text;

    // pve-common PVE::UPID::decode, verbatim, except `\z` for Perl's `$`: .NET's `$` would accept a trailing
    // newline, which must not leak into a URL path.
    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
