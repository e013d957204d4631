namespace PveAgent.Mcp.Stdio;

/// <summary>What the SDK server reads before the rest of the input when <see cref="McpFrontDoor"/> hands over.</summary>
/// <param name="Replay">The client's <c>initialize</c> and <c>notifications/initialized</c> lines when the front door answered them, then every byte it has read but not answered.</param>
/// <param name="Initialize">The <c>initialize</c> request the front door answered (the SDK's own answer to its replay must be dropped), or null.</param>
internal sealed record FrontDoorHandoff(byte[] Replay, IncomingMessage? Initialize);
