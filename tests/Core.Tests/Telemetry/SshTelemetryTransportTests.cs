using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class SshTelemetryTransportTests(FakeSshOnPath ssh) : IClassFixture<FakeSshOnPath>
{
    private static readonly string L40sRow =
        "0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA L40S, 46068, 1235, 9, 54, 110.23, 350.00\n";

    private readonly SshTelemetryTransport _transport = new(new SystemProcessRunner());

    [Fact]
    public async Task Read_NvidiaNode_RunsTheQueryOverBatchModeSshAndParsesIt()
    {
        ssh.Answer("gpu1.test", "nvidia-smi", stdout: L40sRow);
        var node = Some.Node(host: "gpu1.test");

        var result = await _transport.ReadAsync(node);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            ["-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "root@gpu1.test", "nvidia-smi",
             "--query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw,power.limit",
             "--format=csv,noheader,nounits"],
            ssh.ArgumentsSeen("gpu1.test", "nvidia-smi"));
        var gpu = Assert.Single(result.Gpus);
        Assert.Equal("NVIDIA L40S", gpu.Name);
        Assert.Equal(1235, gpu.MemoryUsedMib);
        Assert.Null(result.Tenstorrent);
        Assert.Equal(TelemetrySource.Ssh, result.Source);
    }

    [Fact]
    public async Task Read_TenstorrentNodeWithCustomUser_RunsTtSmiSnapshot()
    {
        var progress = Fixture.Shared("tenstorrent", "tt-smi_README_snapshot_section.md").Split('\n').First(l => l.Contains("Gathering", StringComparison.Ordinal));
        var snapshot = TruncatedJson.Repair(Fixture.Shared("tenstorrent", "issue_tt-smi-3_n300_snapshot_2024_EXCERPT.txt"));
        ssh.Answer("tt1.test", "tt-smi", stdout: $"{progress}\n{snapshot}\n");
        var node = Some.Node(host: "tt1.test", kinds: [AcceleratorKind.Tenstorrent], telemetry: new TelemetryConfig { SshUser = "ops" });

        var result = await _transport.ReadAsync(node);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "ops@tt1.test", "tt-smi", "-s", "--snapshot_no_tty"], ssh.ArgumentsSeen("tt1.test", "tt-smi"));
        Assert.Equal("n300", Assert.Single(result.Tenstorrent!.Chips).BoardType);
        Assert.Empty(result.Gpus);
    }

    [Fact]
    public async Task Read_NodeWithBothKinds_ReadsBoth()
    {
        ssh.Answer("mixed.test", "nvidia-smi", stdout: L40sRow);
        ssh.Answer("mixed.test", "tt-smi", stderr: "No Tenstorrent driver detected! Please install driver using tt-kmd", exitCode: 1);
        var node = Some.Node(host: "mixed.test", kinds: [AcceleratorKind.Nvidia, AcceleratorKind.Tenstorrent]);

        var result = await _transport.ReadAsync(node);

        Assert.Single(result.Gpus);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.DriverUnavailable, failure.Kind);
    }

    [Fact]
    public async Task Read_HostRefusingSsh_SaysHowToCheckKeyBasedSsh()
    {
        var node = Some.Node(host: "down.test");

        var result = await _transport.ReadAsync(node);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Unreachable, failure.Kind);
        Assert.Equal(
            "ssh to root@down.test failed: ssh: connect to host down.test port 22: Connection refused, check that key-based ssh works: ssh root@down.test true",
            failure.Message);
        Assert.Empty(result.Gpus);
    }

    [Fact]
    public async Task Read_DriverNotLoaded_IsDriverUnavailable()
    {
        var message = Fixture.Shared("nvidia", "errors_REAL.txt").Split('\n').First(l => l.StartsWith("NVIDIA-SMI has failed", StringComparison.Ordinal));
        ssh.Answer("nodriver.test", "nvidia-smi", stdout: message + "\n", exitCode: 9);

        var result = await _transport.ReadAsync(Some.Node(host: "nodriver.test"));

        Assert.Equal(TelemetryFailureKind.DriverUnavailable, Assert.Single(result.Failures).Kind);
    }

    [Fact]
    public async Task Read_ToolNotInstalled_IsToolMissingNamingTheHost()
    {
        ssh.Answer("notool.test", "nvidia-smi", stderr: "bash: line 1: nvidia-smi: command not found\n", exitCode: 127);

        var result = await _transport.ReadAsync(Some.Node(host: "notool.test"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ToolMissing, failure.Kind);
        Assert.StartsWith("nvidia-smi is not installed on root@notool.test", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OtherToolFailure_IsToolFailedQuotingItsOutput()
    {
        ssh.Answer("odd.test", "nvidia-smi", stderr: "Unable to determine the device handle for GPU0000:06:00.0: Unknown Error\n", exitCode: 15);

        var result = await _transport.ReadAsync(Some.Node(host: "odd.test"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ToolFailed, failure.Kind);
        Assert.Contains("exited with code 15: Unable to determine the device handle", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-oProxyCommand=touch /tmp/pwned", "root", "host")]
    [InlineData("host name", "root", "host")]
    [InlineData("192.168.0.183", "-oProxyCommand=x", "ssh_user")]
    [InlineData("192.168.0.183", "root;id", "ssh_user")]
    public async Task Read_HostOrUserThatSshWouldMisread_IsRejectedBeforeRunningAnything(string host, string user, string key)
    {
        var runner = new FakeProcessRunner(_ => throw new InvalidOperationException("must not run"));
        var transport = new SshTelemetryTransport(runner);

        var result = await transport.ReadAsync(Some.Node(host: host, telemetry: new TelemetryConfig { SshUser = user }));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Configuration, failure.Kind);
        Assert.Contains($"nodes.brian.{(key == "host" ? "host" : "telemetry.ssh_user")}", failure.Message, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Theory]
    [InlineData("fe80::1")]
    [InlineData("pve1.lab.example")]
    [InlineData("10.0.0.7")]
    public async Task Read_ValidHostForms_AreAccepted(string host)
    {
        var runner = new FakeProcessRunner(_ => new ProcessResult { StandardOutput = L40sRow });

        var result = await new SshTelemetryTransport(runner).ReadAsync(Some.Node(host: host));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"root@{host}", runner.Requests.Single().Arguments[4]);
    }

    [Fact]
    public async Task Read_TimedOutRun_IsTimeoutNamingTheLimit()
    {
        var runner = new FakeProcessRunner(_ => new ProcessResult { TimedOut = true, ExitCode = -1 });
        var transport = new SshTelemetryTransport(runner, new SshTelemetryOptions { CommandTimeout = TimeSpan.FromSeconds(7) });

        var result = await transport.ReadAsync(Some.Node());

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Timeout, failure.Kind);
        Assert.Contains("within 7 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), runner.Requests.Single().Timeout);
    }

    [Fact]
    public async Task Read_SshClientMissing_SaysToInstallOpenSsh()
    {
        var transport = new SshTelemetryTransport(new SystemProcessRunner(), new SshTelemetryOptions { SshExecutable = "pveagent-missing-ssh" });

        var result = await transport.ReadAsync(Some.Node());

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ToolMissing, failure.Kind);
        Assert.Contains("install the OpenSSH client", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NodeWithoutAccelerators_RunsNothing()
    {
        var runner = new FakeProcessRunner(_ => throw new InvalidOperationException("must not run"));

        var result = await new SshTelemetryTransport(runner).ReadAsync(Some.Node(kinds: [AcceleratorKind.Cpu]));

        Assert.True(result.Succeeded);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public void Options_OutOfRangeValues_AreRejected()
    {
        var options = new SshTelemetryOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ConnectTimeoutSeconds = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CommandTimeout = TimeSpan.FromHours(1));
        Assert.Throws<ArgumentException>(() => options.SshExecutable = " ");
    }
}
