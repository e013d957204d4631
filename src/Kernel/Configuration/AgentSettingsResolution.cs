namespace PveAgent.Kernel.Configuration;

/// <summary>The outcome of resolving the LLM settings: the settings, or what is wrong with the given values and how to fix it.</summary>
/// <param name="Settings">The settings, when every value given was usable.</param>
/// <param name="Problems">One sentence per unusable value, naming where it came from and the fix.</param>
public sealed record AgentSettingsResolution(AgentSettings? Settings, IReadOnlyList<string> Problems)
{
    /// <summary>True when <see cref="Settings"/> is set.</summary>
    public bool Succeeded => Settings is not null;
}
