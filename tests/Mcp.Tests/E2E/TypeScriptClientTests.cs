using System.Diagnostics;
using System.Reflection;
using PveAgent.TestSupport;

namespace PveAgent.Mcp.Tests.E2E;

/// <summary>
/// A client nobody here wrote: the official MCP TypeScript SDK (tests/Mcp.E2E, installed by <c>npm ci</c> when this project builds) spawns
/// <c>dotnet pve-agent.dll mcp</c> over stdio, lists the tools and calls one. Nothing is skipped: without node or the
/// npm install the test fails and says how to fix it.
/// </summary>
public sealed class TypeScriptClientTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("pveagent-e2e-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task OfficialTypeScriptClient_ListsToolsAndCallsClusterStatus()
    {
        var folder = SharedFiles.InRepository("tests", "Mcp.E2E");
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk", "package.json")),
            "The MCP TypeScript SDK is not installed: install Node.js with npm, then run `npm ci --prefix tests/Mcp.E2E` (building tests/Mcp.Tests does it when npm is on PATH).");
        var configuration = typeof(TypeScriptClientTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
        var dll = SharedFiles.InRepository("src", "Cli", "bin", configuration, "net10.0", "pve-agent.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; build src/Cli ({configuration}).");

        var (exit, output) = await RunAsync("node", [Path.Combine(folder, "e2e.mjs"), dll, SharedFiles.InRepository("cluster.yaml"), _state]);

        Assert.True(exit == 0, $"the TypeScript client reported a mismatch (exit {exit}):\n{output}");
        Assert.Contains("E2E OK", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{program}' ({e.Message}): install Node.js 18 or later.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
