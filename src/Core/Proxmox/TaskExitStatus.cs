using System.Text.RegularExpressions;

namespace PveAgent.Core.Proxmox;

/// <summary>Interprets a task's <c>exitstatus</c> the way PVE does (pve-common <c>PVE::UPID</c> status_is_error).</summary>
public static partial class TaskExitStatus
{
    /// <summary>True for <c>OK</c> and <c>WARNINGS: n</c>: a task that logged warnings still did its job.</summary>
    public static bool IsSuccess(string? exitStatus) =>
        exitStatus is not null && (exitStatus == "OK" || Warnings().IsMatch(exitStatus));

    /// <summary>True for <c>WARNINGS: n</c>.</summary>
    public static bool HasWarnings(string? exitStatus) => exitStatus is not null && Warnings().IsMatch(exitStatus);

    [GeneratedRegex(@"^WARNINGS: \d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Warnings();
}
