using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    private static ApiResult TaskStatus(ApiCall call)
    {
        var task = FindTask(call);
        var entry = TaskHeader(task);
        entry["status"] = task.Finished ? "stopped" : "running";
        if (task.Finished)
        {
            entry["exitstatus"] = task.ExitStatus;
        }

        return new(entry);
    }

    private static ApiResult TaskLog(ApiCall call)
    {
        var task = FindTask(call);
        var lines = VisibleLog(task, call.Now);
        if (lines.Count == 0)
        {
            return new(new JsonArray { new JsonObject { ["n"] = 1, ["t"] = "no content" } }, Total: 1);
        }

        var start = Math.Max(0, call.Int("start") ?? 0);
        var limit = call.Int("limit") ?? 50;
        var page = lines.Skip(start);
        if (limit > 0)
        {
            page = page.Take(limit);
        }

        var list = new JsonArray();
        var n = start;
        foreach (var line in page)
        {
            list.Add(new JsonObject { ["n"] = ++n, ["t"] = line });
        }

        return new(list, Total: lines.Count);
    }

    /// <summary>Log lines written by <paramref name="now"/>; a finished task ends with its <c>TASK …</c> line.</summary>
    internal static List<string> VisibleLog(SimTask task, DateTimeOffset now)
    {
        var elapsed = (now - task.StartedAt).TotalSeconds;
        var lines = task.Log.Where(l => task.Finished || l.AtSeconds <= elapsed).Select(l => l.Text).ToList();
        if (task.Finished && task.ExitStatus != "unexpected status")
        {
            lines.Add(task.ExitStatus switch
            {
                "OK" => "TASK OK",
                var s when s.StartsWith("WARNINGS: ", StringComparison.Ordinal) => "TASK " + s,
                var s => "TASK ERROR: " + s,
            });
        }

        return lines;
    }

    private static SimTask FindTask(ApiCall call)
    {
        var upid = call.Str("upid")!;
        if (!UpidPattern().IsMatch(upid))
        {
            throw PveApiException.Parameter("upid", "unable to parse worker upid");
        }

        return call.World.Tasks.FirstOrDefault(t => t.Upid == upid && t.Node == call.Node)
            ?? throw PveApiException.Parameter("upid", "no such task");
    }

    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$")]
    private static partial Regex UpidPattern();
}
