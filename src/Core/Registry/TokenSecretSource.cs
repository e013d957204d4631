namespace PveAgent.Core.Registry;

/// <summary>Where the Proxmox API token secret is read from; the secret itself is never held in the config model.</summary>
public sealed record TokenSecretSource
{
    /// <summary>Name of the environment variable holding the secret (<c>token_value_env</c>).</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>Path of a file whose first line is the secret (<c>token_value_file</c>).</summary>
    public string? FilePath { get; init; }

    /// <summary>True when the secret was written inline (<c>token_value</c>): accepted with a warning.</summary>
    public bool IsInline { get; init; }

    /// <summary>The inline secret, when <see cref="IsInline"/>; never printed.</summary>
    internal string? InlineValue { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        EnvironmentVariable is not null ? $"env:{EnvironmentVariable}"
        : FilePath is not null ? $"file:{FilePath}"
        : IsInline ? "inline:***"
        : "none";
}
