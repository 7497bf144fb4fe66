using System;
using System.Text.Json.Nodes;

namespace OpenStack.Paging;

/// <summary>Finds the next-page URL in the shapes services use for it.</summary>
public static class NextLinks
{
    /// <summary>
    /// Reads the next link from a page's link node: a plain string (Glance "next"), an object with the
    /// given key (Keystone "links": {"next": …}), or an array of {rel, href} (Nova/Neutron "*_links").
    /// </summary>
    /// <param name="node">The node under the page's link key.</param>
    /// <param name="key">For an object node, the key holding the URL; null for strings and link arrays.</param>
    /// <returns>The URL, or null when this is the last page.</returns>
    public static string? Find(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonValue value when key is null:
                return value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
            case JsonObject obj when key is not null:
                return Find(obj[key], null);
            case JsonArray links:
                foreach (var link in links)
                {
                    if (link is JsonObject o
                        && o["rel"] is JsonValue rel && rel.TryGetValue<string>(out var r)
                        && string.Equals(r, "next", StringComparison.OrdinalIgnoreCase))
                        return Find(o["href"], null);
                }
                return null;
            default:
                return null;
        }
    }
}
