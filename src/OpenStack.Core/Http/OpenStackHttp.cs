using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>Small HTTP helpers for calls that do not go through a Refit interface.</summary>
public static class OpenStackHttp
{
    /// <summary>
    /// Sends a GET and deserializes the JSON body while it streams in, without buffering it first.
    /// </summary>
    /// <typeparam name="T">The type of the body.</typeparam>
    /// <param name="http">A client created by <see cref="OpenStackConnection.CreateHttpClient(System.Uri)"/>.</param>
    /// <param name="uri">An absolute URI, or one relative to the client's base address.</param>
    /// <param name="typeInfo">Source-generated metadata for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deserialized body.</returns>
    /// <exception cref="OpenStackException">The service answered with a non-success status.</exception>
    /// <exception cref="InvalidDataException">The body is JSON <c>null</c>.</exception>
    public static async Task<T> GetJsonAsync<T>(HttpClient http, Uri uri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(typeInfo);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using HttpResponseMessage response = await http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Only reached with a client that lacks the connection's error handler.
            throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            T? value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
            return value ?? throw new InvalidDataException($"GET {response.RequestMessage?.RequestUri ?? uri} returned a JSON null body.");
        }
    }
}
