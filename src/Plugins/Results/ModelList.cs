namespace PveAgent.Plugins.Results;

/// <summary>Inference services and the models loaded in each (<c>loaded_models</c>).</summary>
/// <param name="Services">Every service of the selected nodes.</param>
public sealed record ModelList(IReadOnlyList<ServiceRow> Services) : ToolResult;
