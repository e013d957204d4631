namespace PveAgent.Core.Registry;

/// <summary>Which rule chose the configuration file.</summary>
public enum ConfigPathSource
{
    /// <summary>The <c>--config</c> option.</summary>
    CommandLine,

    /// <summary>The <c>PVEAGENT_CONFIG</c> environment variable.</summary>
    EnvironmentVariable,

    /// <summary>The default, <c>cluster.yaml</c> in the working directory.</summary>
    WorkingDirectory,
}
