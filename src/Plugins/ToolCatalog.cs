using System.Collections.Frozen;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using PveAgent.Core.Plans;

namespace PveAgent.Plugins;

/// <summary>
/// Every tool of every plugin, built once: an <see cref="AIFunction"/> per tool (for the LLM and the MCP server) and a
/// <see cref="ToolDescriptor"/> with its effect and schema. The one definition the LLM, the MCP server, the planners
/// and the CLI all use.
/// </summary>
/// <remarks>
/// The functions return the tool's <see cref="ToolResult"/> object as is (not JSON), because a write tool's
/// <see cref="ProposedStep"/> must reach the planning session intact; use <see cref="ToJson"/> for the wire. They need a
/// <see cref="ToolContext"/> in <see cref="AIFunctionArguments.Context"/> (see <see cref="CreateArguments"/>); the
/// planning session provides it.
/// </remarks>
public sealed class ToolCatalog
{
    private static readonly PluginRegistration[] Plugins =
    [
        new(typeof(ProxmoxPlugin), "proxmox", c => new ProxmoxPlugin(c)),
        new(typeof(GpuPlugin), "gpu", c => new GpuPlugin(c)),
        new(typeof(TenstorrentPlugin), "tenstorrent", c => new TenstorrentPlugin(c)),
        new(typeof(RouterPlugin), "router", c => new RouterPlugin(c)),
    ];

    private static readonly Lazy<ToolCatalog> Shared = new(() => Build(Plugins), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, int> _byName;

    private ToolCatalog(IReadOnlyList<ToolDescriptor> tools, IReadOnlyList<AIFunction> functions)
    {
        Tools = tools;
        Functions = functions;
        _byName = tools.Select((t, i) => KeyValuePair.Create(t.Name, i)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The catalog of the four plugins (built on first use, then shared).</summary>
    public static ToolCatalog Default => Shared.Value;

    /// <summary>Options that (de)serialise tool arguments and results: source-generated, snake_case, nulls omitted.</summary>
    public static JsonSerializerOptions SerializerOptions => PluginJsonContext.Wire.Options;

    /// <summary>Every tool, in plugin order then declaration order.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; }

    /// <summary>The tools as <see cref="AIFunction"/>s, in the order of <see cref="Tools"/>.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>The tool called <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    public ToolDescriptor? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var index) ? Tools[index] : null;
    }

    /// <summary>The function of the tool called <paramref name="name"/>, or null.</summary>
    public AIFunction? FindFunction(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var index) ? Functions[index] : null;
    }

    /// <summary>Arguments for invoking a catalog function directly, carrying <paramref name="context"/>.</summary>
    public static AIFunctionArguments CreateArguments(ToolContext context, IDictionary<string, object?>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = arguments is null ? new AIFunctionArguments() : new AIFunctionArguments(arguments);
        result.Context = new Dictionary<object, object?> { [typeof(ToolContext)] = context };
        return result;
    }

    /// <summary>A tool result as compact JSON (its runtime type's contract, snake_case, nulls omitted).</summary>
    public static JsonElement ToJson(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.SerializeToElement(result, PluginJsonContext.Wire.GetTypeInfo(result.GetType())
            ?? throw new InvalidOperationException($"{result.GetType().Name} is not registered in PluginJsonContext."));
    }

    private static ToolCatalog Build(IEnumerable<PluginRegistration> plugins)
    {
        var tools = new List<ToolDescriptor>();
        var functions = new List<AIFunction>();
        foreach (var plugin in plugins)
        {
            // Reads first, then writes, each in declaration order: the order the approved contract files show.
            var methods = plugin.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .OrderBy(m => m.GetCustomAttribute<ToolAttribute>()?.Effect == ToolEffect.Read ? 0 : 1)
                .ThenBy(m => m.MetadataToken);
            foreach (var method in methods)
            {
                if (method.GetCustomAttribute<ToolAttribute>() is not { } tool)
                {
                    continue;
                }

                EnsureDescribed(method, tool.Name);
                var create = plugin.Create;
                var function = AIFunctionFactory.Create(method, args => create(ContextOf(args, tool.Name)), new AIFunctionFactoryOptions
                {
                    Name = tool.Name,
                    SerializerOptions = SerializerOptions,
                    ExcludeResultSchema = true,
                    JsonSchemaCreateOptions = SchemaOptions,
                    MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
                });
                functions.Add(function);
                tools.Add(new ToolDescriptor
                {
                    Name = tool.Name,
                    Title = tool.Title ?? tool.Name,
                    Description = function.Description,
                    Effect = tool.Effect,
                    Idempotent = tool.Idempotent,
                    OpenWorld = tool.OpenWorld,
                    Plugin = plugin.Name,
                    Schema = function.JsonSchema,
                });
            }
        }

        var duplicate = tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two tools are named '{duplicate.Key}'; tool names must be unique.");
        }

        return new ToolCatalog(tools, functions);
    }

    private static readonly AIJsonSchemaCreateOptions SchemaOptions = new() { TransformSchemaNode = Compact };

    /// <summary>
    /// An optional argument is described as its plain type without <c>"default": null</c> ("may be left out" is what
    /// not being required already says): about 30 characters less per argument in every LLM request.
    /// </summary>
    private static JsonNode Compact(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        // Only a parameter with a default carries "default"; a null default marks an optional reference or nullable.
        if (schema is not JsonObject node || !node.TryGetPropertyValue("default", out var value) || value is not null)
        {
            return schema;
        }

        node.Remove("default");
        if (node["type"] is JsonArray { Count: 2 } types && types.FirstOrDefault(t => t?.GetValue<string>() != "null") is { } type)
        {
            node["type"] = type.GetValue<string>();
        }

        return node;
    }

    private static void EnsureDescribed(MethodInfo method, string name)
    {
        if (method.GetCustomAttribute<DescriptionAttribute>() is null)
        {
            throw new InvalidOperationException($"Tool '{name}' ({method.DeclaringType?.Name}.{method.Name}) has no [Description].");
        }

        // A parameter is described only when its name does not say it all (every request carries each description);
        // ToolCatalogTests names the ones that go without.
    }

    private static ToolContext ContextOf(AIFunctionArguments arguments, string tool) =>
        arguments.Context?.TryGetValue(typeof(ToolContext), out var value) == true && value is ToolContext context
            ? context
            : throw new InvalidOperationException($"Tool '{tool}' was invoked without a ToolContext: invoke it through a PlanningSession, or build the arguments with ToolCatalog.CreateArguments.");

    private sealed record PluginRegistration(Type Type, string Name, Func<ToolContext, object> Create);
}
