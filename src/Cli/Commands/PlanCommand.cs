using System.CommandLine;
using PveAgent.Cli.Chat;
using PveAgent.Cli.Composition;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent plan "&lt;intent&gt;"</c>: make, check and save a plan; change nothing.</summary>
internal sealed class PlanCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var intent = new Argument<string[]>("intent") { Description = "What you want, in plain words (quote it)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON: {id, intent, created, fingerprint, steps: [...], preconditions: [...]}" };
        var command = new Command("plan", "Turn an intent into a checked plan and save it — nothing changes until `pve-agent apply <id>`") { intent, json };
        var llm = new LlmOptions();
        llm.AddTo(command, withSwitch: true);
        command.SetAction(async (parse, ct) =>
        {
            var text = string.Join(' ', parse.GetValue(intent)!);
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            var planning = PlanningServices.Create(session);
            var workflow = new PlanWorkflow(environment, planning, environment.CreateConsole(noColor: parse.GetValue(options.NoColor)), parse.GetValue(json));
            var (plan, code) = llm.Enabled(parse)
                ? await LlmPlanning.PlanAsync(environment, planning, workflow, text, llm.Overrides(parse), parse.GetValue(json), ct)
                : await workflow.PlanAsync(text, ct);
            if (plan is not null && !parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(plan.CanApply
                    ? $"saved. Apply it with: pve-agent apply {plan.Id}"
                    : $"saved, but a step is denied, so it cannot be applied (see the Guardrails column)");
            }

            return plan is { CanApply: false } ? ExitCodes.Refused : code;
        });
        return command;
    }
}
