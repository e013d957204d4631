namespace PveAgent.Plugins.Results;

/// <summary>A warm model in <see cref="ServiceRow"/>.</summary>
/// <param name="Model">Model name.</param>
/// <param name="VramMib">Accelerator memory it holds, MiB.</param>
/// <param name="Until">When the server will unload it.</param>
public sealed record LoadedModelRow(string Model, double? VramMib = null, DateTimeOffset? Until = null);
