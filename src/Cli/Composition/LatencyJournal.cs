using System.Text.Json;
using System.Text.Json.Serialization;
using PveAgent.Core.Routing;

namespace PveAgent.Cli.Composition;

/// <summary>
/// Keeps the router's measured-latency windows across CLI runs: each run starts from the last 50 completions per
/// service (<c>latencies.json</c> in the state directory) and adds its own. One process at a time writes; a lost
/// write only loses a sample.
/// </summary>
internal sealed class LatencyJournal(string path)
{
    private const int PerService = 50;

    public LatencyWindows Load()
    {
        var windows = new LatencyWindows(PerService);
        foreach (var (key, samples) in Read())
        {
            var (node, service) = Split(key);
            foreach (var ms in samples)
            {
                windows.Record(node, service, ms);
            }
        }

        return windows;
    }

    public void Append(string node, string service, double milliseconds)
    {
        var all = Read();
        var key = node + "/" + service;
        var samples = all.GetValueOrDefault(key) ?? [];
        all[key] = [.. samples.Append(milliseconds).TakeLast(PerService)];
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(all, LatencyJournalJson.Default.DictionaryStringDoubleArray));
        File.Move(temporary, path, overwrite: true);
    }

    private Dictionary<string, double[]> Read()
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize(File.ReadAllText(path), LatencyJournalJson.Default.DictionaryStringDoubleArray) ?? []
                : [];
        }
        catch (JsonException)
        {
            // A damaged journal costs only the router's memory of past latencies; start over.
            return [];
        }
    }

    private static (string Node, string Service) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }
}

/// <summary>Source-generated JSON for <see cref="LatencyJournal"/>.</summary>
[JsonSerializable(typeof(Dictionary<string, double[]>))]
internal sealed partial class LatencyJournalJson : JsonSerializerContext;
