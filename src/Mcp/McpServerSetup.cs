using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Registry;

namespace PveAgent.Mcp;

/// <summary>
/// What the host (the <c>pve-agent mcp</c> command, or a test) gives the MCP server. Nothing here is loaded when the
/// server starts: <c>tools/list</c> is answered from a cheap read of <see cref="ConfigFile"/>, the configuration is loaded
/// in the background after that, and the cluster is connected by the first call that needs it.
/// </summary>
public sealed record McpServerSetup
{
    /// <summary>Loads and validates <c>cluster.yaml</c> (with its <c>guardrails:</c> section); throws with a message for people when it is not usable.</summary>
    public required Func<CancellationToken, Task<ClusterConfig>> LoadConfigAsync { get; init; }

    /// <summary>
    /// The <c>cluster.yaml</c> that <see cref="LoadConfigAsync"/> loads, read without a YAML parser for the guardrails mode
    /// so <c>tools/list</c> need not wait for the full load; null: <c>tools/list</c> waits for <see cref="LoadConfigAsync"/>.
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>Connects to the cluster (or starts the simulator) for <c>cluster.yaml</c>.</summary>
    public required Func<ClusterConfig, CancellationToken, Task<McpCluster>> ConnectAsync { get; init; }

    /// <summary>The state directory: <c>plans.db</c> and <c>audit.jsonl</c> live there, shared with <c>pve-agent apply</c>.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Folder of <c>*.md</c> prompts served as MCP prompts, or null for none.</summary>
    public string? PromptsDirectory { get; init; }

    /// <summary>Clock for plans, verdicts and the audit log (default: the system clock).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the server logs; every line must go to stderr (stdout carries the protocol).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The command a person runs in a terminal to approve plan <c>id</c> when the client cannot ask them (default <c>pve-agent apply {id}</c>).</summary>
    public Func<string, string> ApproveCommand { get; init; } = id => $"pve-agent apply {id}";

    /// <summary>Version reported to clients.</summary>
    public string Version { get; init; } = "0.0.0";
}
