// Spawns `dotnet <pve-agent.dll> mcp` over stdio with the official MCP TypeScript SDK, lists the tools and calls
// cluster_status. Exits non-zero, saying what differed, on any mismatch.
// Usage: node e2e.mjs <path of pve-agent.dll> <cluster.yaml> <state directory>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [dll, config, stateDir] = process.argv.slice(2);
if (!dll || !config || !stateDir) {
  console.error("usage: node e2e.mjs <pve-agent.dll> <cluster.yaml> <state directory>");
  process.exit(2);
}

const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const transport = new StdioClientTransport({
  command: "dotnet",
  args: [dll, "mcp", "--config", config],
  env: { ...process.env, PVEAGENT_STATE_DIR: stateDir },
  stderr: "inherit",
});
const client = new Client({ name: "pveagent-e2e", version: "1.0.0" });

try {
  await client.connect(transport);
  expect(client.getServerVersion()?.name === "pve-agent", `server name is ${client.getServerVersion()?.name}, expected pve-agent`);

  const { tools } = await client.listTools();
  const byName = new Map(tools.map((t) => [t.name, t]));
  const status = byName.get("cluster_status");
  expect(status !== undefined, `cluster_status is not listed (got: ${[...byName.keys()].join(", ")})`);
  expect(status?.annotations?.readOnlyHint === true, "cluster_status is not annotated readOnlyHint: true");
  expect(status?.title === "Cluster status", `cluster_status has title ${status?.title}`);
  expect(status?.inputSchema?.type === "object", "cluster_status has no object input schema");
  // The sample cluster.yaml has no guardrails section: the server is read-only and lists no write tool.
  expect(!byName.has("migrate_guest"), "migrate_guest is listed although cluster.yaml allows no changes");
  expect(tools.every((t) => t.annotations?.readOnlyHint === true), "a listed tool is not read-only");

  const result = await client.callTool({ name: "cluster_status", arguments: {} });
  expect(result.isError !== true, `cluster_status failed: ${JSON.stringify(result.content)}`);
  const text = result.content?.[0]?.type === "text" ? result.content[0].text : "";
  let nodes = [];
  try {
    nodes = JSON.parse(text).nodes?.map((n) => n.name) ?? [];
  } catch {
    problems.push(`cluster_status did not answer JSON: ${text.slice(0, 200)}`);
  }
  expect(["brian", "pve3", "edge-tt"].every((n) => nodes.includes(n)), `cluster_status nodes are [${nodes.join(", ")}], expected brian, pve3, edge-tt`);

  const denied = await client.callTool({ name: "migrate_guest", arguments: { guest: "dev-sandbox", target: "pve3" } });
  expect(denied.isError === true, "a write call on the read-only server was not refused");

  console.log(`listed ${tools.length} tools; cluster_status answered nodes ${nodes.join(", ")}`);
} catch (error) {
  problems.push(`the MCP session failed: ${error?.stack ?? error}`);
} finally {
  await client.close().catch(() => {});
}

if (problems.length > 0) {
  console.error("E2E FAILED:\n- " + problems.join("\n- "));
  process.exit(1);
}
console.log("E2E OK");
