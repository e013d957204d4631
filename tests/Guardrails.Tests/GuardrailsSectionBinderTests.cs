using PveAgent.Core.Registry;
using PveAgent.TestSupport;

namespace PveAgent.Guardrails.Tests;

public sealed class GuardrailsSectionBinderTests
{
    private const string Head = """
        cluster:
          name: lab
          simulate: true
        nodes:
          brian:
            host: 192.168.0.183
          pve3:
            host: 192.168.0.103

        """;

    [Fact]
    public void Load_FullSection_BindsEveryValue()
    {
        var policy = Policy("""
            guardrails:
              mode: approve-disruptive
              unattended: true
              protected:
                guests: [100, homeassistant]
                tags: [prod]
                nodes: [pve3]
              allowed_tools: [start_guest, migrate_guest]
              denied_tools: [delete_guest]
              limits:
                max_steps_per_plan: 10
                max_concurrent_migrations: 2
                max_migrations_per_hour: 4
                migration_target_max_cpu: 0.7
                migration_target_max_memory: 0.9
                min_free_vram_gib: 8
              maintenance_windows:
                - days: [sat, Sunday]
                  from: "02:00"
                  to: "05:30"
                  timezone: Europe/Berlin
                - from: "23:00"
                  to: "01:00"
                  timezone: UTC
            """);

        Assert.Equal(GuardrailMode.ApproveDisruptive, policy.Mode);
        Assert.True(policy.Unattended);
        Assert.Equal([100], policy.Protected.GuestIds);
        Assert.Equal(["homeassistant"], policy.Protected.GuestNames);
        Assert.Equal(["prod"], policy.Protected.Tags);
        Assert.Equal(["pve3"], policy.Protected.Nodes);
        Assert.Equal(["start_guest", "migrate_guest"], policy.AllowedTools!);
        Assert.Equal(["delete_guest"], policy.DeniedTools);
        Assert.Equal(new GuardrailLimits
        {
            MaxStepsPerPlan = 10, MaxConcurrentMigrations = 2, MaxMigrationsPerHour = 4,
            MigrationTargetMaxCpu = 0.7, MigrationTargetMaxMemory = 0.9, MinFreeVramGib = 8,
        }, policy.Limits);
        var weekend = policy.MaintenanceWindows[0];
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], weekend.Days);
        Assert.Equal((TimeSpan.FromHours(2), new TimeSpan(5, 30, 0), "Europe/Berlin"), (weekend.From, weekend.To, weekend.TimeZone.Id));
        Assert.Equal(7, policy.MaintenanceWindows[1].Days.Count);
        Assert.Equal(TimeSpan.FromHours(2), policy.MaintenanceWindows[1].Length);
    }

    [Fact]
    public void Load_NoSection_StoresTheSafeDefaults()
    {
        var policy = Policy("");

        Assert.Same(GuardrailPolicy.Default, policy);
        Assert.Equal(GuardrailMode.ApproveWrites, policy.Mode);
        Assert.False(policy.Unattended);
        Assert.Null(policy.AllowedTools);
        Assert.Equal((20, 1, 6, 0.85, 0.85, 0d), (policy.Limits.MaxStepsPerPlan, policy.Limits.MaxConcurrentMigrations, policy.Limits.MaxMigrationsPerHour,
            policy.Limits.MigrationTargetMaxCpu, policy.Limits.MigrationTargetMaxMemory, policy.Limits.MinFreeVramGib));
        Assert.Empty(policy.MaintenanceWindows);
    }

    [Fact]
    public void Load_UnknownKey_IsAnErrorAtItsLineWithDidYouMean()
    {
        var error = SingleError("""
            guardrails:
              mod: autonomous
            """);

        Assert.Equal((10, 3, "unknown key 'mod' in 'guardrails'", "did you mean 'mode'?"), (error.Line, error.Column, error.Message, error.Hint));
        Assert.Equal("cluster.yaml", error.File);
    }

    [Fact]
    public void Load_MisspeltMode_IsAnErrorWithDidYouMean()
    {
        var error = SingleError("""
            guardrails:
              mode: aprove-writes
            """);

        Assert.Equal((10, 9, "unknown guardrails mode 'aprove-writes'", "did you mean 'approve-writes'?"), (error.Line, error.Column, error.Message, error.Hint));
    }

    [Fact]
    public void Load_UnknownModeFarFromAny_ListsTheModes()
    {
        var error = SingleError("""
            guardrails:
              mode: yolo
            """);

        Assert.Equal("expected one of: read-only, approve-writes, approve-disruptive, autonomous", error.Hint);
    }

    [Fact]
    public void Load_CeilingWrittenAsPercent_IsAnErrorSuggestingTheShare()
    {
        var error = SingleError("""
            guardrails:
              limits:
                migration_target_max_memory: 85
            """);

        Assert.Equal((11, 34, "'migration_target_max_memory' in 'limits' in 'guardrails' must be a share between 0 and 1, got 85", "write 0.85 for 85 %"),
            (error.Line, error.Column, error.Message, error.Hint));
    }

    [Fact]
    public void Load_StepLimitOfZero_IsARangeError()
    {
        var error = SingleError("""
            guardrails:
              limits:
                max_steps_per_plan: 0
            """);

        Assert.Equal((11, 25), (error.Line, error.Column));
        Assert.Equal("'max_steps_per_plan' in 'limits' in 'guardrails' must be between 1 and 1000, got 0", error.Message);
    }

    [Fact]
    public void Load_LimitsThatAreNotAMapping_AreAnErrorShowingTheSyntax()
    {
        var error = SingleError("""
            guardrails:
              limits: 5
            """);

        Assert.Equal((10, 11, "expected 'limits' in 'guardrails' to hold keys (key: value), got '5'"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Load_MisspeltDay_IsAnErrorWithDidYouMean()
    {
        var error = SingleError("""
            guardrails:
              maintenance_windows:
                - days: [saturdy]
                  from: "02:00"
                  to: "05:00"
            """);

        Assert.Equal((11, 14, "'saturdy' in 'days' in maintenance window 1 in 'guardrails' is not a day of the week", "did you mean 'saturday'?"),
            (error.Line, error.Column, error.Message, error.Hint));
    }

    [Fact]
    public void Load_TimeThatIsNotHoursAndMinutes_IsAnErrorShowingTheFormat()
    {
        var error = SingleError("""
            guardrails:
              maintenance_windows:
                - from: 2am
                  to: "05:00"
            """);

        Assert.Equal((11, 13, "'from' in maintenance window 1 in 'guardrails' is not a time of day: '2am'"), (error.Line, error.Column, error.Message));
        Assert.Equal("write 24-hour time as \"HH:MM\" in quotes, e.g. \"02:00\"", error.Hint);
    }

    [Fact]
    public void Load_WindowWithoutAnEnd_IsAnErrorAtTheWindow()
    {
        var error = SingleError("""
            guardrails:
              maintenance_windows:
                - from: "02:00"
            """);

        Assert.Equal((11, 7, "missing required key 'to' in maintenance window 1 in 'guardrails'"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Load_WindowThatOpensAndClosesAtOnce_IsAnErrorSuggestingAWholeDay()
    {
        var error = SingleError("""
            guardrails:
              maintenance_windows:
                - from: "02:00"
                  to: "02:00"
            """);

        Assert.Equal("maintenance window 1 in 'guardrails' opens and closes at the same time (02:00)", error.Message);
        Assert.Equal("for a whole day write from: \"00:00\" and to: \"24:00\"", error.Hint);
    }

    [Fact]
    public void Load_UnknownTimeZone_IsAnErrorNamingTheFormat()
    {
        var error = SingleError("""
            guardrails:
              maintenance_windows:
                - from: "02:00"
                  to: "05:00"
                  timezone: Europe/Berln
            """);

        Assert.Equal((13, 17, "unknown time zone 'Europe/Berln' in maintenance window 1 in 'guardrails'"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Load_ToolBothAllowedAndDenied_IsAnError()
    {
        var error = SingleError("""
            guardrails:
              allowed_tools: [start_guest, stop_guest]
              denied_tools: [stop_guest]
            """);

        Assert.Equal((11, 18, "tool 'stop_guest' is both allowed and denied in 'guardrails'"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Load_GuestIdOutsideProxmoxRange_IsAnError()
    {
        var error = SingleError("""
            guardrails:
              protected:
                guests: [42]
            """);

        Assert.Equal((11, 14, "guest id 42 in 'protected.guests' is outside the range Proxmox uses"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Load_ProtectedNodeNotInTheRegistry_IsAWarningWithDidYouMean()
    {
        var result = Load("""
            guardrails:
              protected:
                nodes: [pve4]
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigSeverity.Warning, 11, "protected node 'pve4' is not in 'nodes'", "did you mean 'pve3'?"),
            (warning.Severity, warning.Line, warning.Message, warning.Hint));
        Assert.Equal(["pve4"], result.Config!.Sections.Get<GuardrailPolicy>()!.Protected.Nodes);
    }

    [Fact]
    public void Load_RepositorySampleClusterYaml_StillLoadsWithTheDefaultPolicy()
    {
        var path = SharedFiles.InRepository("cluster.yaml");

        var result = new ClusterConfigLoader([new GuardrailsSectionBinder()]).Load(File.ReadAllText(path), path);

        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        Assert.Equal(GuardrailMode.ApproveWrites, result.Config!.Sections.Get<GuardrailPolicy>()!.Mode);
    }

    private static LoadResult Load(string guardrails) =>
        new ClusterConfigLoader([new GuardrailsSectionBinder()]).Load(Head + guardrails, "cluster.yaml");

    private static GuardrailPolicy Policy(string guardrails)
    {
        var result = Load(guardrails);
        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        return result.Config!.Sections.Get<GuardrailPolicy>()!;
    }

    private static ConfigDiagnostic SingleError(string guardrails)
    {
        var result = Load(guardrails);
        Assert.Null(result.Config);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }
}
