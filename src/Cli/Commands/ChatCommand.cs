using System.CommandLine;
using PveAgent.Cli.Chat;
using PveAgent.Cli.Composition;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent chat</c>: a conversation with the cluster; the LLM plans, the person approves, rejects or asks for changes.</summary>
internal sealed class ChatCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var llm = new LlmOptions();
        var command = new Command("chat", "Talk to the cluster: a local LLM reads it through tools and proposes plans you approve (y), reject (n) or change; /help inside");
        llm.AddTo(command, withSwitch: false);
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            var planning = PlanningServices.Create(session);
            using var planner = await LlmPlanning.CreateAsync(environment, session, llm.Overrides(parse), ct);
            var console = environment.CreateConsole(noColor: parse.GetValue(options.NoColor));
            return await new ChatRepl(environment, planning, planner, console).RunAsync(ct);
        });
        return command;
    }
}
