using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenStack.Json;

/// <summary>
/// Helpers for AdditionalProperties, the keys a spec does not name. They are kept as JsonElement
/// (System.Text.Json's source generator mis-writes JsonObject extension data: it nests the object).
/// </summary>
public static class JsonElements
{
    /// <summary>A detached JsonElement holding <paramref name="value"/> (JSON null for null).</summary>
    public static JsonElement From(JsonNode? value)
    {
        using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>The string value of an extra property, or null when it is absent, null or not a string.</summary>
    public static string? GetString(this IReadOnlyDictionary<string, JsonElement>? properties, string name)
        => properties is not null && properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
