using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Diagnostics;

namespace OpenStack.Http;

/// <summary>
/// The GET path of generated clients (and of handwritten calls that do not go through a Refit interface):
/// the JSON body is deserialized while it streams in. Refit buffers a whole response before reading it,
/// a response-sized copy per call that this path does not make.
/// </summary>
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
    public static Task<T> GetJsonAsync<T>(HttpClient http, Uri uri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return SendAsync(http, uri, routeTemplate: null, typeInfo, emptyIsNull: false, cancellationToken);
    }

    /// <summary>
    /// Sends a GET for a URI the service handed out (a next-page link) and deserializes the JSON body while it
    /// streams in, naming the operation by the route template of the list it continues.
    /// </summary>
    /// <typeparam name="T">The type of the body.</typeparam>
    /// <param name="http">A client created by <see cref="OpenStackConnection.CreateHttpClient(System.Uri)"/>.</param>
    /// <param name="uri">An absolute URI, or one relative to the client's base address.</param>
    /// <param name="routeTemplate">The path of the list with its parameters unfilled, e.g. <c>/images</c>.</param>
    /// <param name="typeInfo">Source-generated metadata for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deserialized body.</returns>
    /// <exception cref="OpenStackException">The service answered with a non-success status.</exception>
    /// <exception cref="InvalidDataException">The body is JSON <c>null</c>.</exception>
    public static Task<T> GetJsonAsync<T>(HttpClient http, Uri uri, string routeTemplate, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(routeTemplate);
        return SendAsync(http, uri, routeTemplate, typeInfo, emptyIsNull: false, cancellationToken);
    }

    /// <summary>
    /// Sends a GET for a path relative to the client's base address and deserializes the JSON body while it
    /// streams in. The route template names the operation in traces and metrics, as Refit's requests do.
    /// </summary>
    /// <typeparam name="T">The type of the body.</typeparam>
    /// <param name="http">A client created by <see cref="OpenStackConnection.CreateHttpClient(System.Uri)"/>.</param>
    /// <param name="relativeUri">The path (and query) relative to the base address, with path parameters already escaped.</param>
    /// <param name="routeTemplate">The path with its parameters unfilled, e.g. <c>/servers/{id}</c>.</param>
    /// <param name="typeInfo">Source-generated metadata for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deserialized body.</returns>
    /// <exception cref="OpenStackException">The service answered with a non-success status.</exception>
    /// <exception cref="InvalidDataException">The body is JSON <c>null</c>.</exception>
    public static Task<T> GetJsonAsync<T>(HttpClient http, string relativeUri, string routeTemplate, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativeUri);
        return SendAsync(http, Resolve(http, relativeUri), routeTemplate, typeInfo, emptyIsNull: false, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="GetJsonAsync{T}(HttpClient, string, string, JsonTypeInfo{T}, CancellationToken)"/>, for
    /// listings that some services answer with 204 or an empty body when there is nothing to list (Swift):
    /// those, and a JSON <c>null</c>, give <see langword="null"/>.
    /// </summary>
    /// <typeparam name="T">The type of the body.</typeparam>
    /// <param name="http">A client created by <see cref="OpenStackConnection.CreateHttpClient(System.Uri)"/>.</param>
    /// <param name="relativeUri">The path (and query) relative to the base address, with path parameters already escaped.</param>
    /// <param name="routeTemplate">The path with its parameters unfilled.</param>
    /// <param name="typeInfo">Source-generated metadata for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deserialized body, or <see langword="null"/> for an empty one.</returns>
    /// <exception cref="OpenStackException">The service answered with a non-success status.</exception>
    public static async Task<T?> GetJsonOrNullAsync<T>(HttpClient http, string relativeUri, string routeTemplate, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativeUri);
        return await SendAsync(http, Resolve(http, relativeUri), routeTemplate, typeInfo, emptyIsNull: true, cancellationToken).ConfigureAwait(false);
    }

    // The absolute URI, parsed once. Given a relative one, HttpClient parses it, merges it with its base address and
    // parses the result again: about 1 µs per request under Native AOT (perf, W1 of docs/performance.md). Appending
    // to a base address that ends in '/' and has no query gives the same URI for a path or a query (and dot segments
    // are removed in both cases); anything else is left to HttpClient.
    private static Uri Resolve(HttpClient? http, string relativeUri)
    {
        string? baseUri = http?.BaseAddress?.AbsoluteUri;
        return baseUri is not null && baseUri.EndsWith('/') && !baseUri.Contains('?', StringComparison.Ordinal)
            && !relativeUri.StartsWith('/') && !relativeUri.StartsWith('#') && !relativeUri.Contains(':', StringComparison.Ordinal)
            ? new Uri(baseUri + relativeUri, UriKind.Absolute)
            : new Uri(relativeUri, UriKind.Relative);
    }

    // With emptyIsNull, an empty or null body gives default (typed T for the callers' sake).
    private static async Task<T> SendAsync<T>(HttpClient http, Uri uri, string? routeTemplate, JsonTypeInfo<T> typeInfo, bool emptyIsNull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(typeInfo);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (routeTemplate is not null)
        {
            RequestTags.SetTemplate(request, routeTemplate);
        }

        using HttpResponseMessage response = await http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Only reached with a client that lacks the connection's error handler.
            throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        if (emptyIsNull && (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0))
        {
            return default!;
        }

        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            T? value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
            return value is not null || emptyIsNull
                ? value!
                : throw new InvalidDataException($"GET {request.RequestUri} returned a JSON null body.");
        }
    }
}
