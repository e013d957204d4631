using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Plans.Json;

/// <summary>Source-generated metadata for the arguments of undo steps.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class JsonUndo : JsonSerializerContext;
