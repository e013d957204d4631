using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Output;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent sim run</c>: the routing policies compared on virtual time — the same seeded arrival sequence on the
/// same simulated cluster for round-robin, random, least-loaded, FIFO first-fit and PveAgent's router.
/// </summary>
internal sealed class SimRunCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var workload = new Option<string>("--workload", "-w") { Description = $"Task mix: {string.Join(", ", WorkloadProfile.BuiltIn.Select(w => w.Name))}", DefaultValueFactory = _ => "mixed" };
        var minutes = new Option<double>("--minutes") { Description = "Simulated minutes of arrivals", DefaultValueFactory = _ => 60 };
        var policies = new Option<string>("--policies") { Description = $"'all' or a comma list of {string.Join(", ", PolicyNames.All)}", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { Description = "Seed of the workload (same seed, same tasks)", DefaultValueFactory = _ => 42 };
        var nodes = new Option<int?>("--nodes") { Description = "Use a synthetic cluster of this many nodes instead of cluster.yaml", HelpName = "n" };
        var svg = new Option<string?>("--svg") { Description = "Write a latency CDF chart per policy to this SVG file", HelpName = "path" };
        var json = new Option<bool>("--json") { Description = "Print {workload, minutes, seed, policies: [{policy, p50_ms, p95_ms, p99_ms, warm_hit_rate, utilization, energy_kwh, failed}]}" };
        var command = new Command("run", "Compare routing policies on a simulated hour (virtual time: seconds of wall time)") { workload, minutes, policies, seed, nodes, svg, json };
        command.SetAction(async (parse, ct) =>
        {
            var profile = WorkloadProfile.Find(parse.GetValue(workload)!)
                ?? throw new UserFacingException($"unknown workload '{parse.GetValue(workload)}'", $"use one of {string.Join(", ", WorkloadProfile.BuiltIn.Select(w => w.Name))}", ExitCodes.Usage);
            var span = parse.GetValue(minutes);
            if (span is <= 0 or > 24 * 60)
            {
                throw new UserFacingException($"--minutes {span.ToString(CultureInfo.InvariantCulture)} is out of range", "simulate between a few seconds and 1440 minutes (a day)", ExitCodes.Usage);
            }

            var names = parse.GetValue(policies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            names = names is ["all"] ? [.. PolicyNames.All] : names;
            if (names.FirstOrDefault(n => !PolicyNames.All.Contains(n)) is { } unknown)
            {
                throw new UserFacingException($"unknown policy '{unknown}'", $"use 'all' or a comma list of {string.Join(", ", PolicyNames.All)}", ExitCodes.Usage);
            }

            ClusterConfig cluster;
            if (parse.GetValue(nodes) is { } count)
            {
                if (count is < 1 or > 10_000)
                {
                    throw new UserFacingException($"--nodes {count} is out of range", "use 1 to 10000 nodes", ExitCodes.Usage);
                }

                cluster = SyntheticCluster.Create(count, parse.GetValue(seed));
                profile = profile.ScaledTo(count);
            }
            else
            {
                cluster = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            }

            var simulation = SimulationOptions.Default with { Routing = RoutingSectionBinder.OptionsFor(cluster) };
            var console = environment.CreateConsole(toError: true, noColor: parse.GetValue(options.NoColor));
            var watch = Stopwatch.StartNew();
            ComparisonReport report = null!;
            await console.Status().StartAsync(
                $"Simulating {span.ToString("0.#", CultureInfo.InvariantCulture)} minutes of '{profile.Name}' on {cluster.Nodes.Count} node(s) for {names.Length} polic{(names.Length == 1 ? "y" : "ies")}…",
                _ =>
                {
                    report = PolicyComparison.Run(cluster, profile, span, parse.GetValue(seed), names, simulation);
                    return Task.CompletedTask;
                });
            watch.Stop();

            if (parse.GetValue(svg) is { } svgPath)
            {
                var full = Path.GetFullPath(svgPath, environment.CurrentDirectory);
                await File.WriteAllTextAsync(full, LatencyCdfSvgWriter.Write(report), ct);
                await environment.Error.WriteLineAsync($"chart written to {full}");
            }

            if (parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(report.ToJson());
                return ExitCodes.Success;
            }

            Render(environment.CreateConsole(noColor: parse.GetValue(options.NoColor)), report, watch.Elapsed);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, ComparisonReport report, TimeSpan wall)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.Workload)}[/] workload, {report.Minutes.ToString("0.#", CultureInfo.InvariantCulture)} min, seed {report.Seed}: {report.Tasks} tasks on '{Markup.Escape(report.Cluster)}' ({report.Nodes} nodes) — simulated in {Format.Duration(wall)}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Policy", "p50", "p95", "p99", "Warm hits", "Model loads", "Utilisation", "Energy", "Failed");
        var best = report.Policies.Where(p => p.Completed > 0).MinBy(p => p.P95Ms)?.Policy;
        foreach (var p in report.Policies)
        {
            var name = p.Policy == best ? $"[green]{Markup.Escape(p.Policy)}[/]" : Markup.Escape(p.Policy);
            table.AddRow(
                name,
                Seconds(p.P50Ms),
                Seconds(p.P95Ms),
                Seconds(p.P99Ms),
                p.WarmHitRate.ToString("P1", CultureInfo.InvariantCulture),
                p.ModelLoads.ToString(CultureInfo.InvariantCulture),
                p.Utilization.ToString("P0", CultureInfo.InvariantCulture),
                p.EnergyKwh.ToString("0.00", CultureInfo.InvariantCulture) + " kWh",
                p.Failed.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine($"[grey]floor (every task alone, warm, on its fastest eligible node — no policy can beat it): p50 {Seconds(report.Floor.P50Ms)}, p95 {Seconds(report.Floor.P95Ms)}, p99 {Seconds(report.Floor.P99Ms)}[/]");
        if (report.Find(PolicyNames.PveAgent) is { } ours && report.Find(PolicyNames.LeastLoaded) is { P95Ms: > 0 } baseline)
        {
            var change = (ours.P95Ms - baseline.P95Ms) / baseline.P95Ms;
            console.MarkupLine($"pveagent p95 is {Math.Abs(change).ToString("P0", CultureInfo.InvariantCulture)} {(change <= 0 ? "below" : "above")} least-loaded's; completion time = queueing + model load + service time, in simulated seconds.");
        }
    }

    private static string Seconds(double ms) => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
