using System.Globalization;
using System.Text;
using PveAgent.Plugins.Results;

namespace PveAgent.Kernel.Planning;

/// <summary>Read results rendered as short text for people (the data itself travels alongside as JSON).</summary>
internal static class AnswerText
{
    public static string Guest(GuestRow guest) => $"{guest.Type.ToUpperInvariant()} {guest.Vmid} ({guest.Name})";

    public static string Status(ClusterStatus status)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{status.Cluster}{(status.Simulated == true ? " (simulated)" : "")}: {status.Nodes.Count} nodes, {status.GuestsRunning} of {status.GuestsTotal} guests running.");
        foreach (var node in status.Nodes)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{node.Name} ({node.Status}): CPU {node.CpuPct:0} %, memory {node.MemUsedGib:0.#} of {node.MemTotalGib:0.#} GiB, {node.Running} running");
            if (node.Accelerators is { } accelerators)
            {
                text.Append(", ").Append(accelerators);
            }

            if (node.Note is { } note)
            {
                text.Append(" — ").Append(note);
            }
        }

        return text.ToString();
    }

    public static string RunningWhere(GuestList running)
    {
        if (running.Guests.Count == 0)
        {
            return "No guest is running.";
        }

        var text = new StringBuilder("Running:");
        foreach (var node in running.Guests.GroupBy(g => g.Node, StringComparer.Ordinal))
        {
            text.Append('\n').Append(node.Key).Append(": ").Append(string.Join(", ", node.Select(Guest)));
        }

        return text.ToString();
    }

    public static string Route(RouteResult route)
    {
        if (route.Choice is not { } choice)
        {
            return $"Nothing can run {route.Task}{(route.Model is null ? "" : $" with {route.Model}")}: {string.Join("; ", route.Rejected)}.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{route.Task} would run on {choice.Node}{(choice.Service is null ? " as a job" : "/" + choice.Service)}{(choice.Model is null ? "" : $" with {choice.Model}")} ({choice.Accelerator}), about {choice.LatencyS:0.#} s, score {choice.Score:0.#}");
        text.Append(choice.Warm ? ", model already loaded" : ", model not loaded yet");
        if (choice.NeedsWake == true)
        {
            text.Append(", node must be woken first");
        }

        if (choice.NeedsStart == true)
        {
            text.Append(", its guest must be started first");
        }

        text.Append('.');
        foreach (var why in choice.Why)
        {
            text.Append("\n  ").Append(why);
        }

        if (route.Fallbacks.Count > 0)
        {
            text.Append("\nFallbacks: ").Append(string.Join(", ", route.Fallbacks.Select(f => $"{f.Node}{(f.Service is null ? "" : "/" + f.Service)} ({f.Score.ToString("0.#", CultureInfo.InvariantCulture)})")));
        }

        if (route.Rejected.Count > 0)
        {
            text.Append("\nExcluded: ").Append(string.Join("; ", route.Rejected));
        }

        return text.ToString();
    }

    public static string Gpus(GpuList gpus)
    {
        if (gpus.Gpus.Count == 0)
        {
            return "No NVIDIA GPU.";
        }

        var text = new StringBuilder();
        foreach (var gpu in gpus.Gpus)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append(CultureInfo.InvariantCulture, $"{gpu.Node} GPU {gpu.Index} ({gpu.Model}): ")
                .Append(gpu.VramFreeMib is { } free ? string.Create(CultureInfo.InvariantCulture, $"{free:0} of {gpu.VramTotalMib:0} MiB free, {gpu.UtilPct:0} % busy") : "no telemetry");
        }

        foreach (var note in gpus.Notes ?? [])
        {
            text.Append('\n').Append(note);
        }

        return text.ToString();
    }

    public static string Models(ModelList models) =>
        string.Join("\n", models.Services.Select(s =>
            $"{s.Node}/{s.Service}: {(s.Up ? s.Loaded.Count > 0 ? string.Join(", ", s.Loaded.Select(m => m.Model)) : "nothing loaded" : $"down ({s.Error})")}"));
}
