using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>
/// A response whose body is read as a stream straight from the connection, for downloads such as
/// image data or object contents that must not be held in memory.
/// </summary>
/// <remarks>Dispose it to release the connection, whether or not the body was read.</remarks>
public sealed class StreamResponse : IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private Stream? _content;
    private bool _disposed;

    /// <summary>Wraps a response and a stream already opened on its body.</summary>
    /// <param name="response">A response read with <see cref="HttpCompletionOption.ResponseHeadersRead"/>.</param>
    /// <param name="content">The body stream; disposed with this instance.</param>
    public StreamResponse(HttpResponseMessage response, Stream content)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(content);
        _response = response;
        _content = content;
    }

    /// <summary>Wraps a response; its body stream is opened on first access to <see cref="Content"/>.</summary>
    /// <param name="response">A response read with <see cref="HttpCompletionOption.ResponseHeadersRead"/>.</param>
    public StreamResponse(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _response = response;
    }

    /// <summary>The body, streamed from the connection; it is never buffered.</summary>
    public Stream Content
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _content ??= _response.Content.ReadAsStream();
        }
    }

    /// <summary>The body length from <c>Content-Length</c>, if the service sent one.</summary>
    public long? ContentLength => _response.Content.Headers.ContentLength;

    /// <summary>The <c>Content-Type</c> header as sent, including parameters such as the charset.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>The id the service assigned to the request.</summary>
    public string? RequestId => RequestIds.From(_response.Headers);

    /// <summary>The HTTP status code of the response.</summary>
    public int Status => (int)_response.StatusCode;

    /// <summary>The response headers (content headers such as <c>Content-Type</c> are not among them; see <see cref="GetHeader"/>).</summary>
    public HttpResponseHeaders Headers => _response.Headers;

    /// <summary>Reads a header from the response or content headers.</summary>
    /// <param name="name">The header name, case-insensitive.</param>
    /// <returns>The values joined with ", ", or <see langword="null"/> when the header is absent.</returns>
    public string? GetHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_response.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || _response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _content?.Dispose();
        _response.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_content is not null)
        {
            await _content.DisposeAsync().ConfigureAwait(false);
        }

        _response.Dispose();
    }
}
