using System.Globalization;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <summary>
/// Finds the guest a person means: by id ("105", "vm 105", "ct 202"), by exact name, or by a unique case-insensitive
/// prefix of its name ("jelly"), ignoring "the" and a kind word ("the homeassistant vm"). Never guesses: an unknown or
/// ambiguous name is a <see cref="ToolError"/> listing the close matches.
/// </summary>
public static class GuestResolver
{
    private static readonly string[] KindWords = ["vm", "ct", "lxc", "qemu", "container", "guest", "vmid", "virtual", "machine", "the", "id"];

    /// <summary>Resolves <paramref name="text"/> against <paramref name="snapshot"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryResolve(ClusterSnapshot snapshot, string? text, out GuestState guest, out ToolError error)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        guest = null!;
        error = null!;
        var words = (text ?? "").Trim().Trim('"', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var core = string.Join(' ', words.Where(w => !KindWords.Contains(w, StringComparer.OrdinalIgnoreCase)));
        if (core.Length == 0)
        {
            error = new ToolError("No guest given: name one by id (105) or by name (jellyfin).");
            return false;
        }

        if (TryParseId(core, out var vmId) || (!snapshot.Guests.Any(g => string.Equals(g.Name, core, StringComparison.OrdinalIgnoreCase)) && TryParseGluedId(core, out vmId)))
        {
            if (snapshot.FindGuest(vmId) is { } byId)
            {
                guest = byId;
                return true;
            }

            error = new ToolError($"No guest has id {vmId}.") { DidYouMean = Near(snapshot, core) };
            return false;
        }

        var exact = snapshot.Guests.Where(g => string.Equals(g.Name, core, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            guest = exact[0];
            return true;
        }

        if (exact.Count > 1)
        {
            error = new ToolError($"Several guests are named '{core}': give the id instead.") { DidYouMean = [.. exact.Select(Label)] };
            return false;
        }

        var prefixed = snapshot.Guests.Where(g => g.Name.StartsWith(core, StringComparison.OrdinalIgnoreCase)).ToList();
        if (prefixed.Count == 1)
        {
            guest = prefixed[0];
            return true;
        }

        if (prefixed.Count > 1)
        {
            error = new ToolError($"'{core}' matches several guests: give the full name or the id.") { DidYouMean = [.. prefixed.Take(8).Select(Label)] };
            return false;
        }

        error = new ToolError($"No guest is named '{core}'. Use list_guests to see them.") { DidYouMean = Near(snapshot, core) };
        return false;
    }

    /// <summary>"jellyfin (CT 105 on pve3)".</summary>
    public static string Label(GuestState guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return $"{guest.Name} ({(guest.Type == GuestType.Qemu ? "VM" : "CT")} {guest.VmId} on {guest.Node})";
    }

    private static bool TryParseId(string text, out int vmId) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out vmId) && vmId is >= 100 and <= 999_999_999;

    /// <summary>"vm105", "ct202" (a kind word written together with the id).</summary>
    private static bool TryParseGluedId(string text, out int vmId)
    {
        vmId = 0;
        var digits = text.AsSpan().IndexOfAnyInRange('0', '9');
        return digits > 0 && KindWords.Contains(text[..digits], StringComparer.OrdinalIgnoreCase) && TryParseId(text[digits..], out vmId);
    }

    private static List<string>? Near(ClusterSnapshot snapshot, string text)
    {
        var matches = snapshot.Guests
            .Select(g => (Guest: g, Distance: NameDistance.Between(text, g.Name, g.VmId.ToString(CultureInfo.InvariantCulture))))
            .Where(x => x.Distance <= Math.Max(2, text.Length / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Guest.VmId)
            .Take(5)
            .Select(x => Label(x.Guest))
            .ToList();
        return matches.Count > 0 ? matches : null;
    }
}
