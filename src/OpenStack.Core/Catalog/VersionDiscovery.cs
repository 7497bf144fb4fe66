using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Catalog;

/// <summary>
/// Reads a service's version discovery document: what API versions it offers and, for services with
/// microversions, their min and max. Services answer at their root (<c>/</c>, sometimes with 300
/// Multiple Choices) or at a version URL (<c>/v2.1/</c>).
/// </summary>
public static class VersionDiscovery
{
    /// <summary>
    /// The service root for a catalog endpoint: the path up to (not including) its version segment.
    /// <c>http://h:8776/v3/abc</c> → <c>http://h:8776/</c>; <c>https://cloud/image/v2</c> → <c>https://cloud/image/</c>.
    /// An endpoint with no version segment is its own root.
    /// </summary>
    public static Uri ServiceRoot(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (IsVersionSegment(segment)) break;
            kept.Add(segment);
        }

        var path = kept.Count == 0 ? "/" : "/" + string.Join("/", kept) + "/";
        return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + path);
    }

    /// <summary>
    /// Parses the shapes services use: <c>{"versions": [...]}</c> (Nova, Glance, Cinder, Neutron, Placement),
    /// <c>{"versions": {"values": [...]}}</c> (Keystone) and <c>{"version": {...}}</c> (a single version document).
    /// </summary>
    /// <exception cref="InvalidDataException">The document is not JSON or has none of these shapes.</exception>
    public static IReadOnlyList<ApiVersionInfo> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The version document is not JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("versions", out var versions))
                {
                    if (versions.ValueKind == JsonValueKind.Array) return ReadAll(versions);
                    if (versions.ValueKind == JsonValueKind.Object && versions.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                        return ReadAll(values);
                }

                if (root.TryGetProperty("version", out var single) && single.ValueKind == JsonValueKind.Object)
                    return new[] { Read(single) };
            }
        }

        throw new InvalidDataException("The version document has neither 'versions' nor 'version'.");
    }

    /// <summary>
    /// Fetches and parses the discovery document at the root of <paramref name="endpoint"/>'s service.
    /// </summary>
    /// <param name="http">A client of the connection (the document is public, a token does no harm).</param>
    /// <param name="endpoint">A catalog endpoint of the service, versioned or not.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<IReadOnlyList<ApiVersionInfo>> DiscoverAsync(HttpClient http, Uri endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(ServiceRoot(endpoint), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Parse(body);
    }

    /// <summary>The usable version with the given major number and the highest id, or null.</summary>
    public static ApiVersionInfo? Find(IReadOnlyList<ApiVersionInfo> versions, int major)
    {
        ApiVersionInfo? best = null;
        foreach (var v in versions)
        {
            if (v.Major != major || !v.IsUsable) continue;
            if (best is null || Compare(v, best) > 0) best = v;
        }

        return best;
    }

    private static int Compare(ApiVersionInfo a, ApiVersionInfo b)
        => Microversion.TryParse(a.Id, out var x) && Microversion.TryParse(b.Id, out var y) ? x.CompareTo(y) : 0;

    private static IReadOnlyList<ApiVersionInfo> ReadAll(JsonElement array)
    {
        var list = new List<ApiVersionInfo>();
        foreach (var item in array.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Object) list.Add(Read(item));
        return list;
    }

    private static ApiVersionInfo Read(JsonElement v)
    {
        string? Text(string name) => v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s ? s : null;

        Uri? self = null;
        if (v.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            foreach (var link in links.EnumerateArray())
            {
                if (link.ValueKind == JsonValueKind.Object
                    && link.TryGetProperty("rel", out var rel) && rel.ValueKind == JsonValueKind.String && rel.GetString() == "self"
                    && link.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(href.GetString(), UriKind.Absolute, out var uri))
                {
                    self = uri;
                    break;
                }
            }
        }

        // Nova and Cinder say "version" for the max microversion; Placement says "max_version".
        var max = Text("max_version") ?? Text("version");
        var min = Text("min_version");
        return new ApiVersionInfo(Text("id") ?? "", Text("status"), self, min, max);
    }

    private static bool IsVersionSegment(string segment)
        => segment.Length > 1 && (segment[0] == 'v' || segment[0] == 'V') && Microversion.TryParse(segment, out _);
}
