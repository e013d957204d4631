using System.CommandLine;
using System.Globalization;
using PveAgent.Core.Storage;
using PveAgent.Guardrails.Audit;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent audit [--since 24h] [--plan id] [--verify]</c>: the append-only record of plans, verdicts, approvals and actions.</summary>
internal sealed class AuditCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var since = new Option<string?>("--since") { Description = "Only records since a time: 30m, 24h, 7d, or a date (2026-11-01)", HelpName = "when" };
        var plan = new Option<string?>("--plan") { Description = "Only records of this plan", HelpName = "id" };
        var verify = new Option<bool>("--verify") { Description = "Check the hash chain: any edited or removed record is reported" };
        var command = new Command("audit", "Show the audit log: every plan, verdict, approval, action and result") { since, plan, verify };
        command.SetAction(async (parse, ct) =>
        {
            var log = AuditLog.InDirectory(StateDirectory.EnsureCreated(environment.GetEnvironmentVariable));
            var console = environment.CreateConsole(noColor: parse.GetValue(options.NoColor));
            if (parse.GetValue(verify))
            {
                var result = await log.VerifyAsync(ct);
                if (result.Intact)
                {
                    console.MarkupLine($"[green]intact[/]: {result.Records} record(s), hash chain verified ({Markup.Escape(log.Path)})");
                    return ExitCodes.Success;
                }

                console.MarkupLine($"[red]tampered[/]: {Markup.Escape(result.Problem ?? "the hash chain is broken")}{(result.BrokenAtLine is { } line ? $" (line {line})" : "")}");
                return ExitCodes.Error;
            }

            var from = parse.GetValue(since) is { } text ? ParseSince(text, environment.Clock.GetUtcNow()) : (DateTimeOffset?)null;
            var records = await log.ReadAsync(from, parse.GetValue(plan), ct);
            if (records.Count == 0)
            {
                console.MarkupLine("No audit records" + (from is null && parse.GetValue(plan) is null ? " yet." : " match."));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("When (UTC)", "Plan", "Step", "What", "Who / decision", "Details");
            foreach (var record in records)
            {
                table.AddRow(
                    record.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(record.PlanId ?? ""),
                    record.Step?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(record.Kind.ToString()),
                    Markup.Escape(string.Join(" ", new[] { record.Actor, record.Decision, record.Status }.Where(s => !string.IsNullOrEmpty(s)))),
                    Markup.Escape(record.Message + (record.Error is null ? "" : " — " + record.Error) + (record.Upid is null ? "" : $" [{record.Upid}]")));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            var span = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => (TimeSpan?)null,
            };
            if (span is { } value)
            {
                return now - value;
            }
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new UserFacingException($"--since '{text}' is neither a duration nor a date", "use 30m, 24h, 7d or a date such as 2026-11-01", ExitCodes.Usage);
    }
}
