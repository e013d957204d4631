using System.Net;
using PveAgent.Core.Execution;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Execution;

/// <summary>Making a candidate ready: nothing to do, health polling through llama.cpp's loading answers, and giving up.</summary>
public sealed class ServiceEnsurerTests
{
    private static readonly ServiceConfig LlamaCpp = new() { Name = "llamacpp", Kind = ServiceKind.LlamaCpp, Port = 8080 };

    [Fact]
    public async Task Ensure_ReachableServiceOnAnAwakeNode_IsReadyWithoutAnyRequest()
    {
        using var lab = new SimLab();
        var health = new SequenceHandler();
        var ensurer = new ServiceEnsurer(new ClusterActionRunner(lab.Proxmox, lab.Clock), lab.Proxmox, new HttpClient(health), lab.Clock);

        var result = await SimLab.Start(() => ensurer.EnsureAsync(Candidate(), Snapshot(reachable: true)));

        Assert.True(result.Ready);
        Assert.Equal(0, health.Calls);
        Assert.Empty(lab.Requests.All);
    }

    [Fact]
    public async Task Ensure_LlamaCppStillLoading_PollsUntilHealthSaysOk()
    {
        using var lab = new SimLab();
        var loading = Fixtures.Read("openai", "llamacpp_health_README.json");
        var ok = Fixtures.Read("openai", "llamacpp_health_ok_README.json");
        var health = new SequenceHandler((HttpStatusCode.ServiceUnavailable, loading), (HttpStatusCode.ServiceUnavailable, loading), (HttpStatusCode.OK, ok));
        var ensurer = new ServiceEnsurer(new ClusterActionRunner(lab.Proxmox, lab.Clock), lab.Proxmox, new HttpClient(health), lab.Clock);
        var progress = new ListProgress<ExecutionProgress>();

        var result = await lab.Run(() => ensurer.EnsureAsync(Candidate(), Snapshot(reachable: false), progress));

        Assert.True(result.Ready, result.Error);
        Assert.Equal(3, health.Calls);
        Assert.Equal("/health", health.LastPath);
        Assert.Equal(
            ["waiting for pve3/llamacpp to answer (0 s)", "waiting for pve3/llamacpp to answer (2 s)"],
            progress.Reports.Select(p => p.Message));
        Assert.All(progress.Reports, p => Assert.Equal(ExecutionStage.WaitingForService, p.Stage));
    }

    [Fact]
    public async Task Ensure_ServiceNeverAnswers_GivesUpAfterTheTimeoutNamingTheLastAnswer()
    {
        using var lab = new SimLab();
        var loading = Fixtures.Read("openai", "llamacpp_health_README.json");
        var health = new SequenceHandler(Enumerable.Repeat((HttpStatusCode.ServiceUnavailable, loading), 1000).ToArray());
        var options = new ServiceEnsurerOptions { ReadyTimeout = TimeSpan.FromSeconds(30) };
        var ensurer = new ServiceEnsurer(new ClusterActionRunner(lab.Proxmox, lab.Clock), lab.Proxmox, new HttpClient(health), lab.Clock, options);

        var result = await lab.Run(() => ensurer.EnsureAsync(Candidate(), Snapshot(reachable: false)));

        Assert.False(result.Ready);
        Assert.Equal("pve3/llamacpp did not answer http://192.168.0.103:8080/health within 30 s (last check: HTTP 503); look at the service's log in its guest", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Elapsed);
    }

    [Fact]
    public async Task Ensure_NodeAsleepAndNoOtherNodeOnline_SaysNobodyCanSendThePacket()
    {
        using var lab = new SimLab();
        var ensurer = new ServiceEnsurer(new ClusterActionRunner(lab.Proxmox, lab.Clock), lab.Proxmox, new HttpClient(new SequenceHandler()), lab.Clock);
        var snapshot = Snapshot(reachable: false) with { Nodes = [new NodeState { Name = "pve3", Status = NodeStatus.Asleep }] };

        var result = await SimLab.Start(() => ensurer.EnsureAsync(Candidate() with { NeedsWake = true }, snapshot));

        Assert.False(result.Ready);
        Assert.Equal("pve3 is asleep and no node is online to send the Wake-on-LAN packet", result.Error);
        Assert.Empty(lab.Requests.All);
    }

    private static RouteCandidate Candidate() => new()
    {
        Node = "pve3",
        Service = "llamacpp",
        Model = "qwen2.5-1.5b-instruct",
        Accelerator = AcceleratorKind.Cpu,
        AcceleratorModel = "cpu",
        Devices = 1,
        Score = 0,
        Parts = [],
        Warm = false,
        NeedsWake = false,
        NeedsGuestStart = false,
        EstimatedLatencyMs = 1000,
    };

    private static ClusterSnapshot Snapshot(bool reachable) => new()
    {
        TakenAt = DateTimeOffset.UnixEpoch,
        Nodes = [new NodeState { Name = "pve3", Status = NodeStatus.Online }, new NodeState { Name = "brian", Status = NodeStatus.Online }],
        Guests = [],
        Services = [new ServiceState { Node = "pve3", Config = LlamaCpp, Url = new Uri("http://192.168.0.103:8080/"), Reachable = reachable }],
    };

    /// <summary>Answers each request with the next scripted answer, the last one forever after.</summary>
    private sealed class SequenceHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public string? LastPath { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastPath = request.RequestUri!.AbsolutePath;
            var (status, body) = answers[Math.Min(Interlocked.Increment(ref _calls) - 1, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
