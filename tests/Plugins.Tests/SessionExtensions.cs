using PveAgent.Plugins.Planning;

namespace PveAgent.Plugins.Tests;

internal static class SessionExtensions
{
    /// <summary>Calls a tool through the session with simple arguments.</summary>
    public static Task<ToolInvocation> CallAsync(this PlanningSession session, string tool, params (string Name, object? Value)[] arguments) =>
        session.InvokeAsync(tool, ToolArguments.Of(arguments));

    /// <summary>Calls a read tool and returns its typed result, failing on anything else.</summary>
    public static async Task<T> ReadAsync<T>(this PlanningSession session, string tool, params (string Name, object? Value)[] arguments)
        where T : ToolResult
    {
        var result = await session.CallAsync(tool, arguments);
        Assert.True(result.Kind == ToolInvocationKind.Result, $"{tool} answered {result.Kind}: {result.Json}");
        return Assert.IsType<T>(result.Result);
    }

    /// <summary>Calls a write tool and returns the step it queued, failing on anything else.</summary>
    public static async Task<ProposedStep> ProposeAsync(this PlanningSession session, string tool, params (string Name, object? Value)[] arguments)
    {
        var result = await session.CallAsync(tool, arguments);
        Assert.True(result.Kind == ToolInvocationKind.Queued, $"{tool} answered {result.Kind}: {result.Json}");
        return Assert.IsType<ProposedStep>(result.Result);
    }

    /// <summary>Calls a tool that must refuse, and returns the error.</summary>
    public static async Task<ToolError> RefusedAsync(this PlanningSession session, string tool, params (string Name, object? Value)[] arguments)
    {
        var result = await session.CallAsync(tool, arguments);
        Assert.True(result.Kind == ToolInvocationKind.Error, $"{tool} answered {result.Kind}: {result.Json}");
        return result.Error!;
    }
}
