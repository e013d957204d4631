namespace PveAgent.Core.Registry;

/// <summary>How serious a problem in <c>cluster.yaml</c> is.</summary>
public enum ConfigSeverity
{
    /// <summary>The configuration cannot be used until this is fixed.</summary>
    Error,

    /// <summary>The configuration works, but something is risky or probably unintended.</summary>
    Warning,
}
