using Microsoft.Extensions.Logging;
using PveAgent.Cli.Commands;
using PveAgent.Cli.Composition;
using PveAgent.Core.Plans;
using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Configuration;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Prompts;
using PveAgent.Plugins;

namespace PveAgent.Cli.Chat;

/// <summary>
/// The LLM side of a CLI run: settings (flags &gt; PVEAGENT_LLM_* &gt; cluster.yaml &gt; defaults), the planner prompt from
/// prompts/, the chat client, the <see cref="AgentKernel"/> and the <see cref="AgentPlanner"/> with its rule-based fallback.
/// </summary>
internal sealed class LlmPlanning : IDisposable
{
    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggers;
    private readonly PromptTemplate _prompt;

    private LlmPlanning(AgentSettings settings, PromptTemplate prompt, HttpClient http, ILoggerFactory loggers)
    {
        _http = http;
        _loggers = loggers;
        _prompt = prompt;
        Settings = settings;
        Planner = CreatePlanner(settings.Model);
    }

    public AgentSettings Settings { get; private set; }

    public AgentPlanner Planner { get; private set; }

    /// <summary>Resolves the settings and loads the prompt; a problem with either is a <see cref="UserFacingException"/> saying how to fix it.</summary>
    public static async Task<LlmPlanning> CreateAsync(CliEnvironment environment, ClusterSession session, AgentOverrides overrides, CancellationToken cancellationToken)
    {
        var resolution = AgentSettingsResolver.Resolve(session.Config.Sections.Get<AgentConfig>(), overrides, environment.GetEnvironmentVariable);
        if (resolution.Settings is not { } settings)
        {
            throw new UserFacingException(string.Join(Environment.NewLine, resolution.Problems), "see `agent:` in cluster.yaml, PVEAGENT_LLM_PROVIDER/URL/MODEL, or --llm-provider/--llm-url/--llm-model", ExitCodes.Usage);
        }

        var library = PromptLibrary.Locate(environment.GetEnvironmentVariable, environment.CurrentDirectory)
            ?? throw new UserFacingException(
                "the planner prompt (prompts/planner.md) was not found beside pve-agent, in the current directory or its parents",
                $"run from the repository, or set {PromptLibrary.DirectoryVariable} to the prompts folder");
        PromptTemplate prompt;
        try
        {
            prompt = await library.LoadAsync(PromptLibrary.Planner, cancellationToken);
        }
        catch (PromptException e)
        {
            throw new UserFacingException(e.Message, "restore prompts/planner.md from the repository");
        }

        if (settings.ApiKey is { } key)
        {
            session.Redactor.Register(key);
        }

        return new LlmPlanning(settings, prompt, ChatClientFactory.CreateHttpClient(settings, environment.NetworkHandler), session.Logging.Factory);
    }

    /// <summary>Plans an intent for <c>plan --llm</c> / <c>run --llm</c> and hands the result to the shared workflow (verdicts, save, render).</summary>
    public static async Task<(Plan? Plan, int ExitCode)> PlanAsync(
        CliEnvironment environment, PlanningServices planning, PlanWorkflow workflow, string intent, AgentOverrides overrides, bool json, CancellationToken cancellationToken)
    {
        using var llm = await CreateAsync(environment, planning.Session, overrides, cancellationToken);
        ToolContext? context = null;
        var result = await llm.Planner.PlanAsync(intent, () => context = planning.NewToolContext(), null, cancellationToken);
        if (result.Notice is { } notice)
        {
            await environment.Error.WriteLineAsync("note: " + planning.Session.Redactor.Redact(notice));
        }

        if (result.Outcome == PlanningOutcome.Plan && !json)
        {
            await environment.Out.WriteLineAsync(planning.Session.Redactor.Redact(result.Text));
        }

        return await workflow.HandleAsync(result, context!, cancellationToken);
    }

    /// <summary>Plans with another model from now on (same server).</summary>
    public void UseModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Settings = Settings with { Model = model.Trim(), Sources = [.. Settings.Sources.Where(s => !s.StartsWith("model:", StringComparison.Ordinal)), "model: /model"] };
        Planner = CreatePlanner(Settings.Model);
    }

    public void Dispose() => _http.Dispose();

    private AgentPlanner CreatePlanner(string model)
    {
        var client = ChatClientFactory.Create(Settings with { Model = model }, _http);
        var kernel = new AgentKernel(client, _prompt, options: new AgentKernelOptions { MaxRounds = Settings.MaxRounds }, logger: _loggers.CreateLogger<AgentKernel>());
        return new AgentPlanner(kernel, logger: _loggers.CreateLogger<AgentPlanner>());
    }
}
