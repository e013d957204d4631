using System.Text.Json;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>Compares the shape of our JSON with a real sample: the same keys, with values of the same JSON kind, recursively.</summary>
internal static class JsonShape
{
    /// <summary>
    /// Fails unless <paramref name="ours"/> has every key of <paramref name="real"/> with a value of the same kind and no
    /// key the sample lacks except <paramref name="allowedExtra"/> (dotted paths such as <c>message.images</c>).
    /// </summary>
    public static void AssertSame(JsonElement real, JsonElement ours, params string[] allowedExtra) =>
        Compare(real, ours, "$", allowedExtra.ToHashSet(StringComparer.Ordinal), ignoreMissing: []);

    /// <summary>As the other overload, and keys of the sample listed in <paramref name="ignoreMissing"/> may be absent from ours.</summary>
    public static void AssertSame(JsonElement real, JsonElement ours, string[] allowedExtra, string[] ignoreMissing) =>
        Compare(real, ours, "$", allowedExtra.ToHashSet(StringComparer.Ordinal), ignoreMissing.ToHashSet(StringComparer.Ordinal));

    private static void Compare(JsonElement real, JsonElement ours, string path, HashSet<string> allowedExtra, HashSet<string> ignoreMissing)
    {
        Assert.True(Kind(real) == Kind(ours), $"{path}: the real sample has a {Kind(real)}, ours a {Kind(ours)}.");
        if (real.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in real.EnumerateObject())
            {
                var key = Relative(path, property.Name);
                if (!ours.TryGetProperty(property.Name, out var value))
                {
                    Assert.True(ignoreMissing.Contains(key), $"{path}: key '{property.Name}' of the real sample is missing.");
                    continue;
                }

                Compare(property.Value, value, path + "." + property.Name, allowedExtra, ignoreMissing);
            }

            foreach (var property in ours.EnumerateObject())
            {
                Assert.True(real.TryGetProperty(property.Name, out _) || allowedExtra.Contains(Relative(path, property.Name)),
                    $"{path}: key '{property.Name}' is not in the real sample.");
            }
        }
        else if (real.ValueKind == JsonValueKind.Array && real.GetArrayLength() > 0 && ours.GetArrayLength() > 0)
        {
            foreach (var item in ours.EnumerateArray())
            {
                Compare(real[0], item, path + "[]", allowedExtra, ignoreMissing);
            }
        }
    }

    private static string Relative(string path, string name) =>
        (path.Length > 2 ? path[2..].Replace("[]", "", StringComparison.Ordinal) + "." : "") + name;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
