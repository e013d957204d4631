using PveAgent.Cli;
using PveAgent.Cli.Commands;
using PveAgent.Mcp;

// MCP clients spawn `pve-agent mcp` and wait for its answer: start the server without building the command tree.
if (McpCommand.TryParse(args) is { } mcp)
{
    PveAgentMcpServer.StartWarmUp();
    return await McpCommand.RunAsync(McpCommand.ProcessEnvironment(), mcp.ConfigPath, mcp.Verbose);
}

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess());
