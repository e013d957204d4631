using System.Globalization;
using System.Text;

namespace PveAgent.Core.Simulation;

/// <summary>
/// Draws the completion-time CDF of every policy in a report as a standalone SVG: log-scale time axis in decades,
/// share of tasks finished on the vertical axis, one line per policy and a legend with each policy's p95.
/// </summary>
public static class LatencyCdfSvgWriter
{
    private const double Width = 860;
    private const double Height = 500;
    private const double Left = 70;
    private const double Right = 200;
    private const double Top = 50;
    private const double Bottom = 60;
    private const int MaxPoints = 400;

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The chart as SVG text.</summary>
    public static string Write(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var all = report.Policies.SelectMany(p => p.CompletionTimesMs).Where(ms => ms > 0).ToList();
        var lowDecade = all.Count > 0 ? Math.Floor(Math.Log10(all.Min())) : 0;
        var highDecade = all.Count > 0 ? Math.Ceiling(Math.Log10(all.Max())) : 1;
        if (highDecade <= lowDecade)
        {
            highDecade = lowDecade + 1;
        }

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double ms) => Left + ((Math.Log10(Math.Max(ms, Math.Pow(10, lowDecade))) - lowDecade) / (highDecade - lowDecade) * plotWidth);
        double Y(double share) => Top + ((1 - share) * plotHeight);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"  <title>{Escape(Title(report))}</title>\n"));
        svg.Append(Invariant($"  <rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"  <text x=\"{Left}\" y=\"28\" font-size=\"15\" font-weight=\"bold\">{Escape(Title(report))}</text>\n"));

        // Grid and axes: a vertical line per decade, a horizontal one per quarter.
        for (var decade = lowDecade; decade <= highDecade; decade++)
        {
            var x = X(Math.Pow(10, decade));
            svg.Append(Invariant($"  <line x1=\"{x:0.##}\" y1=\"{Top}\" x2=\"{x:0.##}\" y2=\"{Top + plotHeight}\" stroke=\"#ddd\"/>\n"));
            svg.Append(Invariant($"  <text x=\"{x:0.##}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{Escape(DecadeLabel(decade))}</text>\n"));
        }

        for (var quarter = 0; quarter <= 4; quarter++)
        {
            var y = Y(quarter / 4.0);
            svg.Append(Invariant($"  <line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.##}\" stroke=\"#ddd\"/>\n"));
            svg.Append(Invariant($"  <text x=\"{Left - 8}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{quarter * 25}%</text>\n"));
        }

        svg.Append(Invariant($"  <line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"  <line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"  <text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 15}\" text-anchor=\"middle\">completion time (log scale)</text>\n"));
        svg.Append(Invariant($"  <text x=\"18\" y=\"{Top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + (plotHeight / 2)})\">tasks finished</text>\n"));

        for (var i = 0; i < report.Policies.Count; i++)
        {
            var policy = report.Policies[i];
            var color = Colors[i % Colors.Length];
            var times = policy.CompletionTimesMs;
            var points = new StringBuilder();
            var count = times.Count;
            var step = Math.Max(1, count / MaxPoints);
            for (var rank = 0; rank < count; rank += step)
            {
                Point(points, X(times[rank]), Y((rank + 1.0) / count));
            }

            if (count > 0)
            {
                Point(points, X(times[^1]), Y(1));
            }

            svg.Append(Invariant($"  <polyline class=\"cdf\" data-policy=\"{Escape(policy.Policy)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"/>\n"));
            var legendY = Top + 10 + (i * 22);
            svg.Append(Invariant($"  <line x1=\"{Width - Right + 15}\" y1=\"{legendY}\" x2=\"{Width - Right + 40}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"3\"/>\n"));
            svg.Append(Invariant($"  <text class=\"legend\" x=\"{Width - Right + 46}\" y=\"{legendY + 4}\">{Escape(policy.Policy)} (p95 {Escape(Duration(policy.P95Ms))})</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Title(ComparisonReport report) =>
        Invariant($"Completion time CDF: {report.Workload}, {report.Minutes:0.#} min, seed {report.Seed}, {report.Cluster} ({report.Nodes} nodes, {report.Tasks} tasks)");

    private static void Point(StringBuilder points, double x, double y) => points.Append(Invariant($"{x:0.##},{y:0.##} "));

    private static string DecadeLabel(double decade)
    {
        var ms = Math.Pow(10, decade);
        return Duration(ms);
    }

    private static string Duration(double ms) => ms switch
    {
        < 1000 => Invariant($"{ms:0.#} ms"),
        < 60_000 => Invariant($"{ms / 1000:0.#} s"),
        _ => Invariant($"{ms / 60_000:0.#} min"),
    };

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
