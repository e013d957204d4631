using System.Text.Json;
using PveAgent.Plugins;
using PveAgent.Plugins.Planning;

namespace PveAgent.Kernel.Planning;

/// <summary>One intent being planned: the session, what was read, what to say, and what stopped the plan.</summary>
internal sealed class PlanningRun(PlanningSession session, CancellationToken cancellationToken)
{
    private readonly List<JsonElement> _data = [];
    private readonly List<string> _answers = [];
    private readonly List<string> _problems = [];

    public PlanningSession Session { get; } = session;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IReadOnlyList<JsonElement> Data => _data;

    public IReadOnlyList<string> Answers => _answers;

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Runs a read tool; on an error records it as a problem and returns null.</summary>
    public async Task<T?> ReadAsync<T>(string tool, params (string Name, object? Value)[] arguments)
        where T : ToolResult
    {
        var result = await Session.InvokeAsync(tool, ToolArguments.Of(arguments), null, CancellationToken).ConfigureAwait(false);
        if (result.Kind == ToolInvocationKind.Error)
        {
            Problem(result.Error!);
            return null;
        }

        _data.Add(result.Json);
        return result.Result as T ?? throw new InvalidOperationException($"{tool} returned {result.Result?.GetType().Name}, not {typeof(T).Name}.");
    }

    /// <summary>Queues a write tool's step; on an error records it as a problem and returns false.</summary>
    public async Task<bool> WriteAsync(string tool, params (string Name, object? Value)[] arguments)
    {
        var error = await TryWriteAsync(tool, arguments).ConfigureAwait(false);
        if (error is not null)
        {
            Problem(error);
        }

        return error is null;
    }

    /// <summary>Queues a write tool's step; returns the tool's error instead of recording it (for "every guest" requests that skip what cannot be done).</summary>
    public async Task<ToolError?> TryWriteAsync(string tool, params (string Name, object? Value)[] arguments)
    {
        var result = await Session.InvokeAsync(tool, ToolArguments.Of(arguments), null, CancellationToken).ConfigureAwait(false);
        return result.Kind == ToolInvocationKind.Error ? result.Error : null;
    }

    public void Answer(string text) => _answers.Add(text);

    /// <summary>A finding that belongs in the plan's notes and in the answer.</summary>
    public void Note(string text)
    {
        Session.AddNote(text);
        _answers.Add(text);
    }

    public void Problem(string text) => _problems.Add(text);

    private void Problem(ToolError error) =>
        _problems.Add(error.DidYouMean is { Count: > 0 } near ? $"{error.Error} Did you mean: {string.Join(", ", near)}?" : error.Error);
}
