using System.CommandLine;
using PveAgent.Kernel.Configuration;

namespace PveAgent.Cli.Chat;

/// <summary>
/// The LLM flags of <c>chat</c>, <c>plan</c> and <c>run</c>: which server and model plan (they override
/// <c>PVEAGENT_LLM_*</c> and the <c>agent:</c> section of cluster.yaml), and, for <c>plan</c>/<c>run</c>, <c>--llm</c> to use it.
/// </summary>
internal sealed class LlmOptions
{
    public Option<bool> Llm { get; } = new("--llm") { Description = "Plan with the LLM (agent: in cluster.yaml; falls back to the rule-based planner when none is reachable)" };

    public Option<string?> Provider { get; } = new("--llm-provider") { Description = "ollama (default) or openai (vLLM, llama.cpp, LM Studio)", HelpName = "provider" };

    public Option<string?> Url { get; } = new("--llm-url") { Description = "The LLM server, e.g. http://localhost:11434 or http://localhost:8000/v1", HelpName = "url" };

    public Option<string?> Model { get; } = new("--llm-model") { Description = $"The model, e.g. {AgentSettings.DefaultOllamaModel}", HelpName = "name" };

    /// <summary>Adds the server flags (and <c>--llm</c> when <paramref name="withSwitch"/>).</summary>
    public void AddTo(Command command, bool withSwitch)
    {
        if (withSwitch)
        {
            command.Options.Add(Llm);
        }

        command.Options.Add(Provider);
        command.Options.Add(Url);
        command.Options.Add(Model);
    }

    /// <summary>True when <c>--llm</c> is given, or any server flag (naming a server means wanting it).</summary>
    public bool Enabled(ParseResult parse) =>
        parse.GetValue(Llm) || parse.GetValue(Provider) is not null || parse.GetValue(Url) is not null || parse.GetValue(Model) is not null;

    public AgentOverrides Overrides(ParseResult parse) => new(parse.GetValue(Provider), parse.GetValue(Url), parse.GetValue(Model));
}
