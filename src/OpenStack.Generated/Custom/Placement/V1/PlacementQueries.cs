using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Http;

namespace OpenStack.Placement.V1;

// Handwritten: the Placement reads whose filters travel in the query string of a non-list call (actions in the
// spec format take no query): GET /traits?name=&associated= and GET /usages?project_id=&user_id=&consumer_type=.

/// <summary>Filters of <see cref="TraitsClient.ListAsync(TraitListOptions?, CancellationToken)"/>.</summary>
public sealed class TraitListOptions
{
    /// <summary>"startswith:CUSTOM_" or "in:A,B".</summary>
    public string? Name { get; set; }

    /// <summary>True: only traits some provider has; false: only traits none has.</summary>
    public bool? Associated { get; set; }
}

public partial class TraitsClient
{
    /// <summary>Lists trait names, filtered by name prefix or set and by whether providers have them.</summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task<IReadOnlyList<string>> ListAsync(TraitListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder()
            .Add("name", options?.Name)
            .Add("associated", options?.Associated is bool b ? (b ? "true" : "false") : null);
        var page = await OpenStackHttp.GetJsonAsync(_http, query.Resolve(_http, "traits"),
            PlacementTraitsJsonContext.Default.TraitListAllResponseEnvelope, cancellationToken).ConfigureAwait(false);
        return page.Item ?? throw new OpenStackException("The response has no 'traits' key.", 200, null, null, null, null, null, null);
    }
}

/// <summary>
/// What a project (and optionally one user) has allocated. From microversion 1.38 the amounts are grouped by consumer
/// type (e.g. INSTANCE, or "all"), each group also counting its consumers (consumer_count); before 1.38 the
/// resource classes are the top-level keys (read them from <see cref="Ungrouped"/>).
/// </summary>
public sealed record ProjectUsages
{
    /// <summary>The raw "usages" object.</summary>
    [JsonPropertyName("usages")]
    public JsonElement Usages { get; set; }

    /// <summary>Keys the server sent besides "usages".</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>1.38+: consumer type → (resource class or consumer_count → amount).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ByConsumerType
    {
        get
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
            if (Usages.ValueKind != JsonValueKind.Object) return result;
            foreach (var group in Usages.EnumerateObject())
                if (group.Value.ValueKind == JsonValueKind.Object) result[group.Name] = Amounts(group.Value);
            return result;
        }
    }

    /// <summary>Before 1.38: resource class → amount.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, long> Ungrouped => Usages.ValueKind == JsonValueKind.Object ? Amounts(Usages) : new Dictionary<string, long>();

    private static Dictionary<string, long> Amounts(JsonElement obj)
    {
        var amounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Number) amounts[p.Name] = p.Value.GetInt64();
        return amounts;
    }
}

[JsonSerializable(typeof(ProjectUsages))]
internal sealed partial class PlacementCustomJsonContext : JsonSerializerContext
{
}

public partial class AllocationsClient
{
    /// <summary>
    /// Totals what a project (and optionally one of its users) has allocated (GET /usages, 1.9+).
    /// <paramref name="consumerType"/> (1.38+) narrows to one type; "all" and "unknown" group everything under that key.
    /// </summary>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task<ProjectUsages> GetProjectUsagesAsync(string projectId, string? userId = null, string? consumerType = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(projectId)) throw new ArgumentException("A project id is required.", nameof(projectId));
        if (_microversions is not null)
        {
            await _microversions.EnsureAsync("AllocationsClient.GetProjectUsagesAsync", "1.9", null, cancellationToken).ConfigureAwait(false);
            if (consumerType is not null)
                await _microversions.EnsureAsync("AllocationsClient.GetProjectUsagesAsync(consumerType)", "1.38", null, cancellationToken).ConfigureAwait(false);
        }
        var query = new QueryBuilder().Add("project_id", projectId).Add("user_id", userId).Add("consumer_type", consumerType);
        return await OpenStackHttp.GetJsonAsync(_http, query.Resolve(_http, "usages"),
            PlacementCustomJsonContext.Default.ProjectUsages, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string key, string? value)
    {
        if (value is null) return this;
        _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public Uri Resolve(System.Net.Http.HttpClient http, string path) => new(http.BaseAddress!, path + _query);
}
