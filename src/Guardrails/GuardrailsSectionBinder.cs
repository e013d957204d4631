using System.Globalization;
using PveAgent.Core.Registry;
using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Guardrails;

/// <summary>
/// Binds the <c>guardrails:</c> section of <c>cluster.yaml</c> into a <see cref="GuardrailPolicy"/> (read it back with
/// <c>config.Sections.Get&lt;GuardrailPolicy&gt;()</c>; <see cref="GuardrailPolicy.Default"/> is stored when the section is
/// absent). Every problem is reported with file, line and a fix.
/// </summary>
public sealed class GuardrailsSectionBinder : IConfigSectionBinder
{
    private static readonly string[] Keys = ["mode", "unattended", "protected", "allowed_tools", "denied_tools", "limits", "maintenance_windows"];
    private static readonly string[] ProtectedKeys = ["guests", "tags", "nodes"];
    private static readonly string[] LimitKeys =
    [
        "max_steps_per_plan", "max_concurrent_migrations", "max_migrations_per_hour",
        "migration_target_max_cpu", "migration_target_max_memory", "min_free_vram_gib",
    ];

    private static readonly string[] WindowKeys = ["days", "from", "to", "timezone"];

    private static readonly (string Name, GuardrailMode Mode)[] Modes =
    [
        ("read-only", GuardrailMode.ReadOnly),
        ("approve-writes", GuardrailMode.ApproveWrites),
        ("approve-disruptive", GuardrailMode.ApproveDisruptive),
        ("autonomous", GuardrailMode.Autonomous),
    ];

    private static readonly (string Name, DayOfWeek Day)[] DayNames =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
        ("monday", DayOfWeek.Monday), ("tuesday", DayOfWeek.Tuesday), ("wednesday", DayOfWeek.Wednesday), ("thursday", DayOfWeek.Thursday),
        ("friday", DayOfWeek.Friday), ("saturday", DayOfWeek.Saturday), ("sunday", DayOfWeek.Sunday),
    ];

    /// <inheritdoc />
    public string SectionName => "guardrails";

    /// <summary>The name of a mode as written in <c>cluster.yaml</c> (<c>approve-writes</c>).</summary>
    public static string ModeName(GuardrailMode mode) => Modes.First(m => m.Mode == mode).Name;

    /// <inheritdoc />
    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (section is null || ConfigBindingContext.IsNull(section))
        {
            context.SetSection(GuardrailPolicy.Default);
            return;
        }

        if (context.ReadMapping(section, "'guardrails'", Keys, context.SectionKey(SectionName)) is not { } guardrails)
        {
            return;
        }

        var policy = new GuardrailPolicy
        {
            Mode = BindMode(guardrails, context),
            Unattended = guardrails.GetBool("unattended") ?? false,
            Protected = BindProtected(guardrails, context),
            AllowedTools = guardrails.ValueOf("allowed_tools") is null ? null : BindTools(guardrails, "allowed_tools", context),
            DeniedTools = BindTools(guardrails, "denied_tools", context),
            Limits = BindLimits(guardrails, context),
            MaintenanceWindows = BindWindows(guardrails, context),
        };

        if (policy.AllowedTools is { } allowed)
        {
            foreach (var tool in policy.DeniedTools.Where(t => allowed.Contains(t, StringComparer.OrdinalIgnoreCase)))
            {
                var at = guardrails.GetStringList("denied_tools")!.First(n => string.Equals(n.Value, tool, StringComparison.OrdinalIgnoreCase));
                context.ReportError(at, $"tool '{tool}' is both allowed and denied in 'guardrails'",
                    "remove it from one of allowed_tools and denied_tools");
            }
        }

        // Stored even with errors reported: the loader then returns no configuration at all, so nobody can use a half-read policy.
        context.SetSection(policy);
    }

    private static GuardrailMode BindMode(ConfigMapping guardrails, ConfigBindingContext context)
    {
        if (guardrails.GetString("mode") is not { } text)
        {
            return GuardrailMode.ApproveWrites;
        }

        var match = Modes.FirstOrDefault(m => string.Equals(m.Name, text, StringComparison.OrdinalIgnoreCase));
        if (match.Name is not null)
        {
            return match.Mode;
        }

        context.ReportError(guardrails.ValueOf("mode")!, $"unknown guardrails mode '{text}'", DidYouMean.Hint(text, Modes.Select(m => m.Name).ToList()));
        return GuardrailMode.ApproveWrites;
    }

    private static ProtectedResources BindProtected(ConfigMapping guardrails, ConfigBindingContext context)
    {
        if (guardrails.GetMapping("protected", "'protected' in 'guardrails'", ProtectedKeys) is not { } section)
        {
            return ProtectedResources.None;
        }

        var ids = new List<int>();
        var names = new List<string>();
        foreach (var guest in section.GetStringList("guests") ?? [])
        {
            if (int.TryParse(guest.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                if (id is < 100 or > 999_999_999)
                {
                    context.ReportError(guest, $"guest id {id} in 'protected.guests' is outside the range Proxmox uses",
                        "guest ids run from 100 to 999999999; write the id as Proxmox shows it, or the guest's name");
                    continue;
                }

                ids.Add(id);
            }
            else
            {
                names.Add(guest.Value!.Trim());
            }
        }

        var tags = (section.GetStringList("tags") ?? []).Select(t => t.Value!.Trim()).ToList();
        var knownNodes = context.GetSection<IReadOnlyList<NodeConfig>>()?.Select(n => n.Name).ToList() ?? [];
        var nodes = new List<string>();
        foreach (var node in section.GetStringList("nodes") ?? [])
        {
            var name = node.Value!.Trim();
            if (knownNodes.Count > 0 && !knownNodes.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                // A warning, not an error: Proxmox may know nodes cluster.yaml does not describe.
                context.ReportWarning(node, $"protected node '{name}' is not in 'nodes'", DidYouMean.Hint(name, knownNodes, "nodes in cluster.yaml are"));
            }

            nodes.Add(name);
        }

        return new ProtectedResources { GuestIds = ids, GuestNames = names, Tags = tags, Nodes = nodes };
    }

    private static List<string> BindTools(ConfigMapping guardrails, string key, ConfigBindingContext context)
    {
        var tools = new List<string>();
        foreach (var tool in guardrails.GetStringList(key) ?? [])
        {
            var name = tool.Value!.Trim();
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                context.ReportError(tool, $"'{name}' in {guardrails.Label(key)} is not a tool name",
                    "write tool names as the catalog lists them, e.g. migrate_guest (`pve-agent tools` lists them)");
                continue;
            }

            tools.Add(name);
        }

        return tools;
    }

    private static GuardrailLimits BindLimits(ConfigMapping guardrails, ConfigBindingContext context)
    {
        var defaults = new GuardrailLimits();
        if (guardrails.GetMapping("limits", "'limits' in 'guardrails'", LimitKeys) is not { } limits)
        {
            return defaults;
        }

        return new GuardrailLimits
        {
            MaxStepsPerPlan = limits.GetInt("max_steps_per_plan", min: 1, max: 1000, rangeHint: "a plan needs at least one step; 20 is the default") ?? defaults.MaxStepsPerPlan,
            MaxConcurrentMigrations = limits.GetInt("max_concurrent_migrations", min: 0, max: 100, rangeHint: "0 switches migrations off; 1 is the default") ?? defaults.MaxConcurrentMigrations,
            MaxMigrationsPerHour = limits.GetInt("max_migrations_per_hour", min: 0, max: 10_000, rangeHint: "0 switches migrations off; 6 is the default") ?? defaults.MaxMigrationsPerHour,
            MigrationTargetMaxCpu = Fraction(limits, "migration_target_max_cpu", context) ?? defaults.MigrationTargetMaxCpu,
            MigrationTargetMaxMemory = Fraction(limits, "migration_target_max_memory", context) ?? defaults.MigrationTargetMaxMemory,
            MinFreeVramGib = limits.GetNumber("min_free_vram_gib", min: 0, rangeHint: "write GiB of accelerator memory to keep free, e.g. 8; 0 switches the check off") ?? defaults.MinFreeVramGib,
        };
    }

    private static double? Fraction(ConfigMapping limits, string key, ConfigBindingContext context)
    {
        if (limits.GetNumber(key, min: 0, minExclusive: true, rangeHint: "write a share of the node between 0 and 1, e.g. 0.85 for 85 %") is not { } value)
        {
            return null;
        }

        if (value > 1)
        {
            context.ReportError(limits.ValueOf(key)!, $"{limits.Label(key)} must be a share between 0 and 1, got {value.ToString(CultureInfo.InvariantCulture)}",
                value <= 100 ? $"write {(value / 100).ToString(CultureInfo.InvariantCulture)} for {value.ToString(CultureInfo.InvariantCulture)} %" : "write e.g. 0.85 for 85 %");
            return null;
        }

        return value;
    }

    private static List<MaintenanceWindow> BindWindows(ConfigMapping guardrails, ConfigBindingContext context)
    {
        var windows = new List<MaintenanceWindow>();
        var items = guardrails.GetSequence("maintenance_windows") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var description = $"maintenance window {i + 1} in 'guardrails'";
            if (context.ReadMapping(items[i], description, WindowKeys) is not { } window)
            {
                continue;
            }

            var days = BindDays(window, context);
            var from = BindTime(window, "from", allowMidnightEnd: false, context);
            var to = BindTime(window, "to", allowMidnightEnd: true, context);
            var zone = BindZone(window, context);
            if (from is { } f && to is { } t && f == t)
            {
                context.ReportError(window.ValueOf("to")!, $"{description} opens and closes at the same time ({MaintenanceWindow.Clock(f)})",
                    "for a whole day write from: \"00:00\" and to: \"24:00\"");
                continue;
            }

            if (days is not null && from is { } start && to is { } end && zone is not null)
            {
                windows.Add(new MaintenanceWindow { Days = days, From = start, To = end, TimeZone = zone });
            }
        }

        return windows;
    }

    private static List<DayOfWeek>? BindDays(ConfigMapping window, ConfigBindingContext context)
    {
        if (window.ValueOf("days") is null)
        {
            return [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        }

        var days = new List<DayOfWeek>();
        var ok = true;
        foreach (var item in window.GetStringList("days") ?? [])
        {
            var text = item.Value!.Trim();
            var match = DayNames.FirstOrDefault(d => string.Equals(d.Name, text, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                context.ReportError(item, $"'{text}' in {window.Label("days")} is not a day of the week",
                    DidYouMean.Hint(text, DayNames.Select(d => d.Name).ToList()));
                ok = false;
                continue;
            }

            if (!days.Contains(match.Day))
            {
                days.Add(match.Day);
            }
        }

        if (ok && days.Count == 0)
        {
            context.ReportError(window.ValueOf("days")!, $"{window.Label("days")} lists no day, so the window never opens",
                "list the days it opens on, e.g. days: [sat, sun], or leave 'days' out for every day");
            return null;
        }

        return ok ? days : null;
    }

    private static TimeSpan? BindTime(ConfigMapping window, string key, bool allowMidnightEnd, ConfigBindingContext context)
    {
        if (window.GetString(key, required: true, missingHint: $"write the time of day as \"HH:MM\", e.g. {key}: \"{(key == "from" ? "02:00" : "05:00")}\"") is not { } text)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && parts[1].Length == 2 && minutes < 60
            && (hours < 24 || (allowMidnightEnd && hours == 24 && minutes == 0)))
        {
            return new TimeSpan(hours, minutes, 0);
        }

        context.ReportError(window.ValueOf(key)!, $"{window.Label(key)} is not a time of day: '{text}'",
            $"write 24-hour time as \"HH:MM\" in quotes, e.g. \"02:00\"{(allowMidnightEnd ? " (\"24:00\" for midnight at the end of the day)" : "")}");
        return null;
    }

    private static TimeZoneInfo? BindZone(ConfigMapping window, ConfigBindingContext context)
    {
        if (window.GetString("timezone") is not { } id)
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            context.ReportError(window.ValueOf("timezone")!, $"unknown time zone '{id}' in {window.Description}",
                "write an IANA time zone name such as Europe/Berlin, America/New_York or UTC");
            return null;
        }
    }
}
