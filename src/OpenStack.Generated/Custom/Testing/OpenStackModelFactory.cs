using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using OpenStack.Http;
using OpenStack.Image.V2;
using OpenStack.Paging;

namespace OpenStack;

/// <summary>
/// Builds the SDK's results without a cloud, for unit tests of code that uses the SDK: stub or mock a
/// client's virtual method (clients have protected parameterless constructors for that) and return these.
/// Resource records (<see cref="Image.V2.Image"/>, …) need no factory: create them with an object initializer.
/// </summary>
/// <example>
/// <code>
/// class FakeImages : ImagesClient
/// {
///     public override AsyncPageable&lt;Image&gt; ListAsync(ImageListOptions? options = null, CancellationToken ct = default)
///         => OpenStackModelFactory.Pageable(new Image { Id = "1", Name = "debian" }, new Image { Id = "2", Name = "alpine" });
/// }
/// </code>
/// </example>
public static class OpenStackModelFactory
{
    /// <summary>A list of <paramref name="values"/>, all on one page.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="values">The items, in order.</param>
    /// <returns>A pageable that yields them; it can be enumerated any number of times.</returns>
    public static AsyncPageable<T> Pageable<T>(params T[] values) => Pageable((IEnumerable<T>)values);

    /// <summary>A list of <paramref name="values"/>, all on one page.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="values">The items, in order.</param>
    /// <returns>A pageable that yields them; it can be enumerated any number of times.</returns>
    public static AsyncPageable<T> Pageable<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return PageableFromPages([values.ToArray()]);
    }

    /// <summary>
    /// A list served in the given pages, each linked to the next like a service's <c>next</c> link,
    /// so code that uses <see cref="AsyncPageable{T}.AsPages"/> or stops early can be tested.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order; an empty page ends the list, as with a real service.</param>
    /// <returns>A pageable over the pages; it can be enumerated any number of times.</returns>
    public static AsyncPageable<T> PageableFromPages<T>(IEnumerable<IReadOnlyList<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        IReadOnlyList<T>[] all = pages.ToArray();
        return Paging.Pageable.Create<T>((link, cancellationToken) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index = link is null ? 0 : int.Parse(link, NumberStyles.None, CultureInfo.InvariantCulture);
            IReadOnlyList<T> values = index < all.Length ? all[index] : Array.Empty<T>();
            string? next = index + 1 < all.Length ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<T>(values, next));
        });
    }

    /// <summary>A streamed response over <paramref name="content"/>, as a download returns it.</summary>
    /// <param name="content">The body; disposed with the response.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="contentType">The <c>Content-Type</c>.</param>
    /// <param name="requestId">The service's request id (<c>X-Openstack-Request-Id</c>).</param>
    /// <param name="headers">Further response or content headers.</param>
    /// <returns>The response.</returns>
    public static StreamResponse StreamResponse(
        Stream content,
        int status = 200,
        string? contentType = "application/octet-stream",
        string? requestId = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StreamContent(content) };
        if (content.CanSeek)
        {
            response.Content.Headers.ContentLength = content.Length - content.Position;
        }

        if (contentType is not null)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (requestId is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Openstack-Request-Id", requestId);
        }

        foreach (KeyValuePair<string, string> header in headers ?? [])
        {
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return new StreamResponse(response, content);
    }

    /// <summary>An image download over <paramref name="data"/>, as <see cref="ImagesClient.DownloadAsync"/> returns it.</summary>
    /// <param name="data">The image data; disposed with the response.</param>
    /// <param name="contentMd5">The <c>Content-MD5</c> Glance sends, if any.</param>
    /// <returns>The download.</returns>
    public static ImageDownloadResponse ImageDownload(Stream data, string? contentMd5 = null) =>
        new(StreamResponse(
            data,
            headers: contentMd5 is null ? null : [new KeyValuePair<string, string>("Content-MD5", contentMd5)]));

    /// <summary>The exception a failed call throws, for testing error handling.</summary>
    /// <param name="status">The HTTP status, e.g. 404.</param>
    /// <param name="serverMessage">What the service said.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="requestUri">The request's URI.</param>
    /// <param name="requestId">The service's request id.</param>
    /// <param name="errorCode">The service's error name (<c>itemNotFound</c>, …).</param>
    /// <returns>The exception, with a message like the SDK's own.</returns>
    public static OpenStackException OpenStackException(
        int status,
        string? serverMessage = null,
        HttpMethod? method = null,
        Uri? requestUri = null,
        string? requestId = null,
        string? errorCode = null)
    {
        string message = $"{(method is null ? string.Empty : method.Method + " ")}{requestUri?.ToString() ?? "request"} failed with {status}" +
            (string.IsNullOrEmpty(serverMessage) ? "." : ": " + serverMessage) +
            (requestId is null ? string.Empty : $" Request id: {requestId}.");
        return new OpenStackException(message, status, method, requestUri, requestId, serverMessage, errorCode, responseBody: null, inner: null);
    }
}
