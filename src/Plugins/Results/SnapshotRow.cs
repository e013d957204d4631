namespace PveAgent.Plugins.Results;

/// <summary>One snapshot in <see cref="SnapshotList"/>.</summary>
/// <param name="Name">Snapshot name.</param>
/// <param name="Created">When it was taken.</param>
/// <param name="Parent">The snapshot it follows.</param>
/// <param name="Description">Its description.</param>
/// <param name="Ram">True when it includes the VM's RAM.</param>
public sealed record SnapshotRow(string Name, DateTimeOffset? Created = null, string? Parent = null, string? Description = null, bool? Ram = null);
