using System.Globalization;
using System.Text.Json.Nodes;
using PveAgent.Simulator.Proxmox.Api;
using PveAgent.Simulator.Proxmox.Schema;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests.Proxmox.Schema;

/// <summary>The simulator's parameter table against the real PVE 9.1 schema: this is what makes its validation faithful.</summary>
public sealed class ApiEndpointsTests
{
    private static readonly JsonObject Raw = JsonNode.Parse(SharedFiles.ReadShared("proxmox-api", "schema", "raw-subset-pve9.1.json"))!.AsObject();

    public static TheoryData<string> EndpointKeys()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in ApiEndpoints.All)
        {
            data.Add(endpoint.Key);
        }

        return data;
    }

    [Fact]
    public void Table_ServesExactlyTheEndpointsOfEndpointsJson()
    {
        var listed = JsonNode.Parse(SharedFiles.ReadShared("proxmox-api", "endpoints.json"))!.AsArray()
            .Select(e => $"{e!["method"]!.GetValue<string>()} {e["path"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(listed, ApiEndpoints.All.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(59, ApiEndpoints.All.Count);
    }

    [Fact]
    public void Handlers_ExistForEveryEndpointInTheTable()
    {
        Assert.Equal(ApiEndpoints.All.Select(e => e.Key).Order(StringComparer.Ordinal), ProxmoxApi.Handlers.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EndpointKeys))]
    public void Parameters_MatchTheRawSchema(string key)
    {
        var endpoint = ApiEndpoints.ByKey[key];
        var info = Raw[endpoint.Path]?[endpoint.Method]?.AsObject();
        Assert.True(info is not null, $"{key} is not in raw-subset-pve9.1.json");
        var properties = info["parameters"]?["properties"]?.AsObject() ?? [];

        Assert.Equal(endpoint.Name, info["name"]!.GetValue<string>());
        Assert.Equal(info["proxyto"]?.GetValue<string>() == "node", endpoint.ProxyToNode);
        Assert.Equal(properties.Select(p => p.Key).Order(StringComparer.Ordinal), endpoint.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var parameter in endpoint.Parameters)
        {
            var schema = properties[parameter.Name]!.AsObject();
            var where = $"{key} {parameter.Name}";
            Assert.True(Flag(schema["optional"]) == parameter.Optional, $"{where}: optional");
            Assert.True(string.Equals(schema["type"]!.GetValue<string>(), parameter.Type.ToString(), StringComparison.OrdinalIgnoreCase), $"{where}: type");
            Assert.True(Strings(schema["enum"]).SequenceEqual(parameter.Enum ?? []), $"{where}: enum");
            Assert.True(Number(schema["minimum"]) == parameter.Minimum, $"{where}: minimum");
            Assert.True(Number(schema["maximum"]) == parameter.Maximum, $"{where}: maximum");
            Assert.True(Number(schema["maxLength"]) == parameter.MaxLength, $"{where}: maxLength");
            if (schema["format"] is JsonObject inline)
            {
                Assert.True(inline.Select(k => k.Key).Order(StringComparer.Ordinal).SequenceEqual(parameter.PropertyKeys ?? []), $"{where}: property keys");
                var defaultKey = inline.FirstOrDefault(k => Flag(k.Value?["default_key"])).Key;
                Assert.True(defaultKey == parameter.DefaultKey, $"{where}: default key");
            }
            else
            {
                Assert.True(schema["format"]?.GetValue<string>() == parameter.Format, $"{where}: format");
            }
        }
    }

    private static bool Flag(JsonNode? node) => node is not null && node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.Number => node.GetValue<double>() != 0,
        System.Text.Json.JsonValueKind.String => node.GetValue<string>() == "1",
        _ => false,
    };

    private static double? Number(JsonNode? node) => node?.GetValueKind() switch
    {
        null => null,
        System.Text.Json.JsonValueKind.String => double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture),
        _ => node.GetValue<double>(),
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(e => e!.ToString()) ?? [];
}
