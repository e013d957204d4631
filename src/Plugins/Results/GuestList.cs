namespace PveAgent.Plugins.Results;

/// <summary>Guests matching a filter (<c>list_guests</c>).</summary>
/// <param name="Guests">The guests, by id, at most the cap.</param>
/// <param name="Total">How many matched.</param>
/// <param name="Truncated">True when more matched than are listed.</param>
public sealed record GuestList(IReadOnlyList<GuestRow> Guests, int Total, bool? Truncated = null) : ToolResult;
