using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Tests;

public sealed class PolicyHistoryTests
{
    [Fact]
    public void FromJournal_EachSentMigrationCountsOnceAtItsFirstSend()
    {
        JournalEntry[] journal =
        [
            Entry("p-aaaaaa", 1, StepState.Sending, "guest.migrate", 0, attempt: 1),
            Entry("p-aaaaaa", 1, StepState.Started, "guest.migrate", 1),
            Entry("p-aaaaaa", 1, StepState.Sending, "guest.migrate", 5, attempt: 2),
            Entry("p-aaaaaa", 2, StepState.Sending, "snapshot.create", 6),
            Entry("p-aaaaaa", 1, StepState.Sending, "guest.migrate", 9) with { Kind = JournalKind.Compensation },
        ];

        var history = PolicyHistory.FromJournal(journal);

        Assert.Equal([("p-aaaaaa", 1, Some.Now), ("p-aaaaaa", 1, Some.Now.AddMinutes(9))], history.Migrations.Select(m => (m.PlanId, m.Step, m.At)));
    }

    private static JournalEntry Entry(string plan, int step, StepState state, string action, int minutes, int attempt = 1) => new()
    {
        PlanId = plan,
        Kind = JournalKind.Step,
        Step = step,
        Attempt = attempt,
        State = state,
        Action = action,
        SentAt = Some.Now.AddMinutes(minutes),
        At = Some.Now.AddMinutes(minutes),
    };
}
