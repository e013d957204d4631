namespace PveAgent.Core.Routing;

/// <summary>One named contribution to a candidate's score, in points (positive helps, negative hurts), with the reason in words.</summary>
/// <param name="Name">Stable name of the part, e.g. <c>warm-model</c>, <c>load</c>, <c>power-cost</c>.</param>
/// <param name="Value">Points this part adds to the score.</param>
/// <param name="Reason">Why, with the figures that produced the value.</param>
public sealed record ScorePart(string Name, double Value, string Reason);
