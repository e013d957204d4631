namespace PveAgent.Guardrails;

/// <summary>Numeric limits of <c>guardrails.limits</c>; a step over one is denied.</summary>
public sealed record GuardrailLimits
{
    /// <summary>Most steps one plan may have (<c>max_steps_per_plan</c>, default 20, at least 1).</summary>
    public int MaxStepsPerPlan { get; init; } = 20;

    /// <summary>Most migrations running at once in the cluster, counting the new one (<c>max_concurrent_migrations</c>, default 1; 0 switches migrations off).</summary>
    public int MaxConcurrentMigrations { get; init; } = 1;

    /// <summary>Most migrations started within any hour (<c>max_migrations_per_hour</c>, default 6; 0 switches migrations off).</summary>
    public int MaxMigrationsPerHour { get; init; } = 6;

    /// <summary>Highest CPU use (0–1) a migration target may reach with the guest added (<c>migration_target_max_cpu</c>, default 0.85).</summary>
    public double MigrationTargetMaxCpu { get; init; } = 0.85;

    /// <summary>Highest memory use (0–1) a migration target may reach with the guest added (<c>migration_target_max_memory</c>, default 0.85).</summary>
    public double MigrationTargetMaxMemory { get; init; } = 0.85;

    /// <summary>Accelerator memory in GiB a node must keep free for other work after a GPU is passed through (<c>min_free_vram_gib</c>, default 0: no check).</summary>
    public double MinFreeVramGib { get; init; }
}
