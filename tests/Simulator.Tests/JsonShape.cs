using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace PveAgent.Simulator.Tests;

/// <summary>
/// Compares the shape of a simulator answer with a real PVE response: every key the real one has must be present with the
/// same JSON kind (numbers, strings, 0/1 vs true/false, objects, arrays), recursively.
/// </summary>
internal static class JsonShape
{
    /// <summary>
    /// Asserts <paramref name="actual"/> has the shape of <paramref name="expected"/>. Arrays: each expected element needs
    /// some actual element (of the same <c>type</c>, when elements have one) with its shape. Objects named in
    /// <paramref name="maps"/> are keyed by data (paths, drive names): every actual value must have the first expected value's shape;
    /// <c>name/*</c> says the values of that map are maps too.
    /// Paths in <paramref name="exempt"/> may differ in kind (documented deviations).
    /// </summary>
    public static void AssertSameShape(JsonNode expected, JsonNode? actual, IReadOnlySet<string> maps, IReadOnlySet<string> exempt, string path = "$")
    {
        var problems = Compare(expected, actual, maps, exempt, path);
        if (problems.Count > 0)
        {
            throw new XunitException("Shape differs from the real response:\n" + string.Join("\n", problems.Take(20)));
        }
    }

    private static List<string> Compare(JsonNode? expected, JsonNode? actual, IReadOnlySet<string> maps, IReadOnlySet<string> exempt, string path)
    {
        var problems = new List<string>();
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (Kind(expected) != Kind(actual))
        {
            if (!exempt.Contains(name))
            {
                problems.Add($"{path}: real {Kind(expected)}, simulated {Kind(actual)}");
            }

            return problems;
        }

        switch (expected)
        {
            case JsonObject expectedObject when maps.Contains(name):
            {
                var actualObject = actual!.AsObject();
                if (expectedObject.Count > 0 && actualObject.Count == 0)
                {
                    problems.Add($"{path}: real map has entries, simulated map is empty");
                }

                // "name/*" marks a map whose values are maps as well (paths → privileges).
                var nested = maps.Contains(name + "/*");
                var template = expectedObject.First().Value;
                foreach (var (key, value) in actualObject)
                {
                    if (nested && template is JsonObject inner && value is JsonObject innerActual)
                    {
                        var innerTemplate = inner.First().Value;
                        problems.AddRange(innerActual.SelectMany(kv => Compare(innerTemplate, kv.Value, maps, exempt, $"{path}.{key}.{kv.Key}")));
                        continue;
                    }

                    problems.AddRange(Compare(template, value, maps, exempt, $"{path}.{key}"));
                }

                break;
            }

            case JsonObject expectedObject:
            {
                var actualObject = actual!.AsObject();
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualValue))
                    {
                        problems.Add($"{path}.{key}: missing in the simulated answer");
                        continue;
                    }

                    problems.AddRange(Compare(value, actualValue, maps, exempt, $"{path}.{key}"));
                }

                break;
            }

            case JsonArray expectedArray:
            {
                var actualArray = actual!.AsArray();
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    var element = expectedArray[i];
                    var candidates = actualArray.Where(a => SameDiscriminator(element, a)).ToList();
                    if (candidates.Count == 0)
                    {
                        problems.Add($"{path}[{i}]: no simulated element of type '{Discriminator(element)}'");
                        continue;
                    }

                    var attempts = candidates.Select(c => Compare(element, c, maps, exempt, $"{path}[{i}]")).ToList();
                    if (attempts.All(a => a.Count > 0))
                    {
                        problems.AddRange(attempts.MinBy(a => a.Count)!);
                    }
                }

                break;
            }
        }

        return problems;
    }

    private static string? Discriminator(JsonNode? element) =>
        element is JsonObject o && o.TryGetPropertyValue("type", out var t) && t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;

    private static bool SameDiscriminator(JsonNode? expected, JsonNode? actual) =>
        Discriminator(expected) is not { } type || Discriminator(actual) == type;

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString()!.ToLowerInvariant(),
    };
}
