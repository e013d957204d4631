using System.Net;
using System.Text.Json.Nodes;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests.Proxmox;

/// <summary>Every real response in ../shared/proxmox-api/examples against what the simulator answers for the same call.</summary>
public sealed class ProxmoxApiSimulatorShapeTests
{
    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    // How to obtain the simulated counterpart of each example, and which objects are keyed by data rather than schema.
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["access_permissions.root.pve8.go-proxmox.json"] = new(h => h.GetAsync("access/permissions"), Maps: ["data", "data/*"]),
        ["cluster_resources.pve8.0.go-proxmox.json"] = new(h => h.GetAsync("cluster/resources")),
        ["cluster_status.pve8.go-proxmox.json"] = new(h => h.GetAsync("cluster/status")),
        ["error_400_nextid_vmid_exists.go-proxmox.json"] = new(h => h.GetAsync("cluster/nextid?vmid=201"), HttpStatusCode.BadRequest),
        ["error_400_parameter_verification.whmcs-issue92.json"] = new(
            h => h.PostAsync("nodes/brian/qemu", ("vmid", "099"), ("ipconfig0", "ip=dhcp,gw=192.168.1")), HttpStatusCode.BadRequest),
        // The example predates pve-container 81aa4bd (PVE 8.1), which made vmid an integer; the simulator speaks 9.1.
        ["lxc_list.vmid-as-string.go-proxmox.json"] = new(h => h.GetAsync("nodes/brian/lxc"), Exempt: ["vmid"]),
        ["node_status.pve7.4-16.go-proxmox.json"] = new(h => h.GetAsync("nodes/brian/status")),
        ["nodes.pve8.go-proxmox.json"] = new(h => h.GetAsync("nodes")),
        ["qemu_status_current.running.pve8.0.go-proxmox.json"] = new(h => h.GetAsync("nodes/brian/qemu/201/status/current"), Maps: ["blockstat", "nics"]),
        ["task_status.running.proxmoxer.json"] = new(RunningTaskStatus),
        ["task_status.stopped_ok.proxmoxer.json"] = new(FinishedTaskStatus),
        ["task_status.stopped_warnings.telmate-pr247.json"] = new(FinishedTaskStatus),
        ["task_status.stopped_error.proxmoxer.json"] = new(FailedTaskStatus),
        ["version.pve9.0.4.bpg.json"] = new(h => h.GetAsync("version")),
        ["unattributed/node_status.pve8.4.14.pvesh.json"] = new(h => h.GetAsync("nodes/brian/status")),
        ["unattributed/nodes.pve8.4.14.pvesh.json"] = new(h => h.GetAsync("nodes")),
    };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in ExampleFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Examples_EveryRealResponse_HasASimulatedCounterpart()
    {
        var unmapped = ExampleFiles().Where(f => !Cases.ContainsKey(f)).ToList();

        Assert.True(unmapped.Count == 0, "Map these examples to a simulator call in ProxmoxApiSimulatorShapeTests: " + string.Join(", ", unmapped));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Answer_ForTheSameCall_HasTheShapeOfTheRealResponse(string example)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFiles.Shared("proxmox-api", "examples"), example)))!;
        var testCase = Cases[example];
        using var harness = new SimulatorHarness();

        var answer = await testCase.Call(harness);

        Assert.Equal(testCase.Status, answer.Status);
        // pvesh output (unattributed/) is the bare data member; API captures carry the envelope.
        var enveloped = expected is JsonObject o && (o.ContainsKey("data") || o.ContainsKey("errors"));
        var actual = enveloped ? answer.Body : answer.Data;
        JsonShape.AssertSameShape(expected, actual, testCase.Maps?.ToHashSet() ?? NoNames, testCase.Exempt?.ToHashSet() ?? NoNames);
    }

    [Fact]
    public async Task ParameterErrors_ForTheWhmcsRequest_AreWordForWordThoseOfPve()
    {
        var expected = JsonNode.Parse(SharedFiles.ReadShared("proxmox-api", "examples", "error_400_parameter_verification.whmcs-issue92.json"))!;
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu", ("vmid", "099"), ("ipconfig0", "ip=dhcp,gw=192.168.1"));

        Assert.Equal("Parameter verification failed.", answer.Reason);
        Assert.Equal(expected["errors"]!.ToJsonString(), answer.Body!["errors"]!.ToJsonString());
    }

    private static IEnumerable<string> ExampleFiles()
    {
        var root = SharedFiles.Shared("proxmox-api", "examples");
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    private static async Task<SimulatorHarness.Answer> RunningTaskStatus(SimulatorHarness harness)
    {
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");
        return await harness.GetAsync($"nodes/brian/tasks/{Uri.EscapeDataString(upid)}/status");
    }

    private static async Task<SimulatorHarness.Answer> FinishedTaskStatus(SimulatorHarness harness)
    {
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/110/status/start");
        await harness.CompleteAsync(upid);
        return await harness.GetAsync($"nodes/brian/tasks/{Uri.EscapeDataString(upid)}/status");
    }

    private static async Task<SimulatorHarness.Answer> FailedTaskStatus(SimulatorHarness harness)
    {
        var upid = await harness.StartTaskAsync("nodes/brian/qemu/201/migrate", ("target", "pve3"), ("online", "1"));
        await harness.CompleteAsync(upid);
        return await harness.GetAsync($"nodes/brian/tasks/{Uri.EscapeDataString(upid)}/status");
    }

    private sealed record Case(Func<SimulatorHarness, Task<SimulatorHarness.Answer>> Call, HttpStatusCode Status = HttpStatusCode.OK, string[]? Maps = null, string[]? Exempt = null);
}
