using PveAgent.Core.Plans;
using PveAgent.Core.Registry;
using PveAgent.Guardrails;
using PveAgent.Guardrails.Audit;
using PveAgent.Plugins;

namespace PveAgent.Mcp;

/// <summary>Everything a call that touches the cluster or the plans uses, composed once, on the first such call.</summary>
internal sealed class McpServices
{
    public McpServices(ClusterConfig config, McpPolicy policy, McpCluster cluster, string stateDirectory, TimeProvider clock)
    {
        Config = config;
        Policy = policy;
        Cluster = cluster;
        Clock = clock;
        Catalog = ToolCatalog.Default;
        Store = PlanStore.InDirectory(stateDirectory, cluster.Redactor, clock);
        Audit = AuditLog.InDirectory(stateDirectory, cluster.Redactor, clock);
        Engine = new PolicyEngine(policy.Policy, Catalog.Tools.ToDictionary(t => t.Name, t => t.Effect, StringComparer.Ordinal));
        Approval = new ApprovalPolicy(policy.Policy);
        Applier = new PlanApplier(cluster.Actions, cluster.Snapshots, Store, clock, new PolicyGuard(Engine, Store, clock));
    }

    public ClusterConfig Config { get; }

    public McpPolicy Policy { get; }

    public McpCluster Cluster { get; }

    public TimeProvider Clock { get; }

    public ToolCatalog Catalog { get; }

    public PlanStore Store { get; }

    public AuditLog Audit { get; }

    public PolicyEngine Engine { get; }

    public ApprovalPolicy Approval { get; }

    public PlanApplier Applier { get; }
}
