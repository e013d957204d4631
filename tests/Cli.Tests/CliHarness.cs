using PveAgent.TestSupport;

namespace PveAgent.Cli.Tests;

/// <summary>
/// Runs <c>pve-agent</c> in-process exactly as a user would (same command tree, same parsing, same output), with
/// captured stdout/stderr, a private temporary state directory and a working directory of its own.
/// </summary>
public sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public CliHarness()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("pveagent-cli-").FullName;
        StateDirectory = Path.Combine(WorkingDirectory, ".state");
        _environment["PVEAGENT_STATE_DIR"] = StateDirectory;
        _environment["HOME"] = WorkingDirectory;
    }

    public string WorkingDirectory { get; }

    public string StateDirectory { get; }

    public string? Input { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Stands in for the network when a test points cluster.yaml at a "real" Proxmox host.</summary>
    public HttpMessageHandler? NetworkHandler { get; set; }

    /// <summary>Copies the committed sample cluster.yaml into the working directory (as ./cluster.yaml unless named).</summary>
    public string UseSampleConfig(string fileName = "cluster.yaml")
    {
        var path = Path.Combine(WorkingDirectory, fileName);
        File.Copy(SharedFiles.InRepository("cluster.yaml"), path, overwrite: true);
        return path;
    }

    /// <summary>Writes a file in the working directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(WorkingDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void SetEnvironment(string name, string? value) => _environment[name] = value;

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(new StringWriter(), CancellationToken.None, args);

    /// <summary>Runs with a caller-supplied stdout (to watch output as it is written) until done or cancelled.</summary>
    public async Task<CliRun> RunAsync(StringWriter output, CancellationToken cancellationToken, params string[] args)
    {
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = new StringReader(Input ?? ""),
            IsInteractive = false,
            SupportsAnsi = false,
            Width = 160,
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            CurrentDirectory = WorkingDirectory,
            Clock = Clock,
            NetworkHandler = NetworkHandler,
        };
        var code = await CliApplication.RunAsync(args, environment, cancellationToken);
        output.Dispose();
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background task; the OS temp cleaner gets it.
        }
    }
}
