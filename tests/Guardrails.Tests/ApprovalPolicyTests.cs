using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Tests;

public sealed class ApprovalPolicyTests
{
    [Fact]
    public void PlanWithADeniedStep_CannotBeApprovedByAnyone()
    {
        var plan = With(PolicyDecision.Allow, PolicyDecision.Deny);
        var approval = new ApprovalPolicy(GuardrailPolicy.Default with { Unattended = true });

        var check = approval.Check(plan);

        Assert.False(check.CanApply);
        Assert.Equal("step 2 is denied by the guardrails, so the plan cannot be applied", check.Reason);
        Assert.False(approval.Accepts(plan, Approver.Person));
    }

    [Fact]
    public void PlanAllowedThroughout_NeedsNoApproval()
    {
        var check = new ApprovalPolicy(GuardrailPolicy.Default).Check(With(PolicyDecision.Allow, PolicyDecision.Allow));

        Assert.Equal((true, false), (check.CanApply, check.Needed));
    }

    [Fact]
    public void NeedsApproval_WithoutUnattended_YesIsNotAcceptedButAPersonIs()
    {
        var plan = With(PolicyDecision.Allow, PolicyDecision.NeedsApproval);
        var approval = new ApprovalPolicy(GuardrailPolicy.Default);

        var check = approval.Check(plan);

        Assert.False(check.UnattendedAccepted);
        Assert.Equal("step 2 needs approval from a person: --yes is not accepted because guardrails.unattended is false (answer the prompt, or set unattended: true under guardrails)", check.Reason);
        Assert.False(approval.Accepts(plan, Approver.Unattended));
        Assert.True(approval.Accepts(plan, Approver.Person));
        Assert.True(approval.Accepts(plan, Approver.McpElicitation));
    }

    [Fact]
    public void NeedsApproval_WithUnattended_YesIsAccepted()
    {
        var plan = With(PolicyDecision.NeedsApproval, PolicyDecision.NeedsApproval);

        var approval = new ApprovalPolicy(GuardrailPolicy.Default with { Unattended = true });

        Assert.True(approval.Check(plan).UnattendedAccepted);
        Assert.True(approval.Accepts(plan, Approver.Unattended));
    }

    [Fact]
    public void DestructiveStepNeedingApproval_IsNeverApprovedByYes()
    {
        var plan = Some.PlanOf(
        [
            Some.Step(1, Some.StartSandbox()) with { Verdict = Verdict(PolicyDecision.NeedsApproval) },
            Some.Step(2, Some.DeleteSandbox()) with { Verdict = Verdict(PolicyDecision.NeedsApproval) },
        ]);
        var approval = new ApprovalPolicy(GuardrailPolicy.Default with { Unattended = true });

        var check = approval.Check(plan);

        Assert.False(check.UnattendedAccepted);
        Assert.Equal("steps 1, 2 need approval; step 2 is destructive, and --yes never approves a destructive step: a person must", check.Reason);
        Assert.False(approval.Accepts(plan, Approver.Unattended));
    }

    private static Plan With(params PolicyDecision[] decisions) =>
        Some.PlanOf([.. decisions.Select((d, i) => Some.Step(i + 1, Some.StartSandbox()) with { Verdict = Verdict(d) })]);

    private static PolicyVerdict Verdict(PolicyDecision decision) => new() { Decision = decision, Reasons = ["test"] };
}
