namespace PveAgent.Core.Tests.Telemetry;

/// <summary>
/// Puts a fake <c>ssh</c> (a bash script) first on PATH for the lifetime of a test class. The script checks the options
/// PveAgent must pass, records its arguments, refuses hosts named <c>down.*</c> the way ssh does (exit 255), and
/// otherwise answers with the stdout/stderr/exit code files a test left for <c>&lt;host&gt;.&lt;tool&gt;</c>.
/// </summary>
public sealed class FakeSshOnPath : IDisposable
{
    private const string Script = """
        #!/usr/bin/env bash
        dir="$(cd "$(dirname "$0")" && pwd)"
        if [ "$1" != "-o" ] || [ "$2" != "BatchMode=yes" ] || [ "$3" != "-o" ] || [ "${4%%=*}" != "ConnectTimeout" ]; then
          echo "fake ssh: expected -o BatchMode=yes -o ConnectTimeout=N first, got: $*" >&2
          exit 2
        fi
        destination="$5"
        host="${destination#*@}"
        tool="$6"
        printf '%s\n' "$@" > "$dir/$host.$tool.args"
        case "$host" in
          down.*) echo "ssh: connect to host $host port 22: Connection refused" >&2; exit 255 ;;
        esac
        answer="$dir/$host.$tool"
        [ -f "$answer.stdout" ] && cat "$answer.stdout"
        [ -f "$answer.stderr" ] && cat "$answer.stderr" >&2
        [ -f "$answer.exit" ] && exit "$(cat "$answer.exit")"
        exit 0
        """;

    private readonly string? _previousPath;

    public FakeSshOnPath()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The fake ssh is a bash script; run these tests on Linux or macOS.");
        }

        Directory = System.IO.Directory.CreateTempSubdirectory("pveagent-fake-ssh-").FullName;
        var ssh = Path.Combine(Directory, "ssh");
        File.WriteAllText(ssh, Script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _previousPath = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", $"{Directory}{Path.PathSeparator}{_previousPath}");
    }

    public string Directory { get; }

    /// <summary>Makes the fake answer <paramref name="tool"/> on <paramref name="host"/>.</summary>
    public void Answer(string host, string tool, string stdout = "", string stderr = "", int exitCode = 0)
    {
        File.WriteAllText(Path.Combine(Directory, $"{host}.{tool}.stdout"), stdout);
        File.WriteAllText(Path.Combine(Directory, $"{host}.{tool}.stderr"), stderr);
        File.WriteAllText(Path.Combine(Directory, $"{host}.{tool}.exit"), exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The argument list the fake received for <paramref name="tool"/> on <paramref name="host"/>.</summary>
    public IReadOnlyList<string> ArgumentsSeen(string host, string tool) =>
        File.ReadAllLines(Path.Combine(Directory, $"{host}.{tool}.args"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _previousPath);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
