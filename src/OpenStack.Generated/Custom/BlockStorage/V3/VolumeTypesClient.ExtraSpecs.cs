using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.BlockStorage.V3;

// Handwritten: one extra spec is read and written as {"<key>": "<value>"}, a body whose only key is the
// key in the path. The spec format describes fixed keys, so these two calls live here.
public partial class VolumeTypesClient
{
    /// <summary>Reads one extra spec of a volume type (GET types/{id}/extra_specs/{key}).</summary>
    /// <returns>The value; an absent key answers 404.</returns>
    /// <exception cref="OpenStackException">The service answered with an error status (404: no such type or key).</exception>
    public virtual async Task<string?> GetExtraSpecAsync(string id, string key, CancellationToken cancellationToken = default)
    {
        var body = await Http.OpenStackHttp.GetJsonAsync(_http, ExtraSpecUri(id, key), BlockStorageVolumeTypesJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
        return body[key]?.GetValue<string>();
    }

    /// <summary>Creates or changes one extra spec of a volume type (PUT types/{id}/extra_specs/{key}; admin).</summary>
    /// <returns>The value the service stored.</returns>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task<string?> SetExtraSpecAsync(string id, string key, string value, CancellationToken cancellationToken = default)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        using var content = JsonContent.Create(new JsonObject { [key] = value }, BlockStorageVolumeTypesJsonContext.Default.JsonObject);
        using var response = await _http.PutAsync(ExtraSpecUri(id, key), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode(); // the connection's error handler has already turned errors into OpenStackException
        var body = await response.Content.ReadFromJsonAsync(BlockStorageVolumeTypesJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
        return body?[key]?.GetValue<string>();
    }

    private Uri ExtraSpecUri(string id, string key)
    {
        if (id is null) throw new ArgumentNullException(nameof(id));
        if (key is null) throw new ArgumentNullException(nameof(key));
        return new Uri(_http.BaseAddress!, "types/" + Uri.EscapeDataString(id) + "/extra_specs/" + Uri.EscapeDataString(key));
    }
}
