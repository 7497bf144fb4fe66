using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Xunit;

namespace OpenStack.Tests.Integration;

/// <summary>
/// Checks that a typed record read from a real response serializes back with every key and value the
/// server sent, at every depth. The only difference allowed is a spec field the server omitted coming
/// back as an explicit null (a typed property cannot tell "absent" from "null").
/// </summary>
public static class RoundTrip
{
    public static void AssertNoKeyLost<T>(string rawJson, JsonTypeInfo<T> typeInfo)
    {
        var typed = JsonSerializer.Deserialize(rawJson, typeInfo)!;
        var back = JsonNode.Parse(JsonSerializer.Serialize(typed, typeInfo));
        var problems = new List<string>();
        Compare(JsonNode.Parse(rawJson), back, "$", problems);
        Assert.True(problems.Count == 0, "round trip lost or changed data:\n" + string.Join("\n", problems.Take(20)));
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> problems)
    {
        switch (expected)
        {
            case JsonObject obj:
                if (actual is not JsonObject other) { problems.Add($"{path}: object became {actual?.ToJsonString() ?? "null"}"); return; }
                foreach (var (key, value) in obj)
                {
                    if (!other.ContainsKey(key)) problems.Add($"{path}.{key}: lost");
                    else Compare(value, other[key], path + "." + key, problems);
                }
                foreach (var (key, value) in other)
                    if (!obj.ContainsKey(key) && value is not null) problems.Add($"{path}.{key}: added with value {value.ToJsonString()}");
                break;
            case JsonArray array:
                if (actual is not JsonArray list || list.Count != array.Count) { problems.Add($"{path}: array changed"); return; }
                for (var i = 0; i < array.Count; i++) Compare(array[i], list[i], $"{path}[{i}]", problems);
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual) && !SameInstant(expected, actual))
                    problems.Add($"{path}: {expected?.ToJsonString() ?? "null"} became {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    // Timestamps may be re-written in another ISO-8601 spelling (".000000Z" vs "Z"); the same instant is fine.
    private static bool SameInstant(JsonNode? a, JsonNode? b)
        => a is JsonValue va && b is JsonValue vb
           && va.TryGetValue<string>(out var sa) && vb.TryGetValue<string>(out var sb)
           && DateTimeOffset.TryParse(sa, out var x) && DateTimeOffset.TryParse(sb, out var y) && x == y;
}
