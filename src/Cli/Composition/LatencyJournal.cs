using System.Text.Json;
using System.Text.Json.Serialization;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Cli.Composition;

/// <summary>
/// Keeps the router's measured-latency windows across CLI runs: each run starts from the last 50 completions of each
/// model on each service (<c>latencies.json</c> in the state directory) and adds its own. One process at a time writes;
/// a lost write only loses a sample.
/// </summary>
/// <remarks>
/// The first format (<c>{"node/service": [ms, …]}</c>) kept no model, so its samples cannot be told apart by model: such a
/// file reads as empty and is replaced by the per-model format on the next write, and the windows fill again within a
/// few runs.
/// </remarks>
internal sealed class LatencyJournal(string path)
{
    private const int PerWindow = 50;
    private const int FormatVersion = 2;

    public LatencyWindows Load()
    {
        var windows = new LatencyWindows(PerWindow);
        foreach (var window in Read())
        {
            foreach (var ms in window.Samples!)
            {
                windows.Record(window.Node!, window.Service!, window.Model!, ms);
            }
        }

        return windows;
    }

    public void Append(string node, string service, string model, double milliseconds)
    {
        var all = Read();
        var index = all.FindIndex(w =>
            string.Equals(w.Node, node, StringComparison.OrdinalIgnoreCase)
            && string.Equals(w.Service, service, StringComparison.OrdinalIgnoreCase)
            && ModelNames.AreSame(w.Model!, model));
        var samples = index >= 0 ? all[index].Samples! : [];
        var updated = new LatencyJournalWindow { Node = node, Service = service, Model = model, Samples = [.. samples.Append(milliseconds).TakeLast(PerWindow)] };
        if (index >= 0)
        {
            all[index] = updated;
        }
        else
        {
            all.Add(updated);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new LatencyJournalDocument { Version = FormatVersion, Windows = all }, LatencyJournalJson.Default.LatencyJournalDocument));
        File.Move(temporary, path, overwrite: true);
    }

    private List<LatencyJournalWindow> Read()
    {
        try
        {
            if (!File.Exists(path))
            {
                return [];
            }

            // A first-format file is an object of arrays with no "windows" member: it deserializes to no windows.
            var document = JsonSerializer.Deserialize(File.ReadAllText(path), LatencyJournalJson.Default.LatencyJournalDocument);
            return [.. (document?.Windows ?? []).Where(w => w is { Node: not null, Service: not null, Model: not null, Samples: not null })];
        }
        catch (JsonException)
        {
            // A damaged journal costs only the router's memory of past latencies; start over.
            return [];
        }
    }
}

/// <summary>Source-generated JSON for <see cref="LatencyJournal"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(LatencyJournalDocument))]
internal sealed partial class LatencyJournalJson : JsonSerializerContext;
