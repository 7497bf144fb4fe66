using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>Decides whether a request can be sent a second time after re-authentication, and copies it.</summary>
internal static class RequestCloner
{
    /// <summary>
    /// Whether the content can be sent again. Buffered contents can. A
    /// <see cref="StreamContent"/> can when its stream is seekable: it rewinds to where it started
    /// by itself when serialized again. Anything else (a stream that cannot seek, a content type
    /// the SDK does not know) cannot.
    /// </summary>
    /// <remarks>
    /// Call before sending: a transport may buffer the content while sending it, and the answer
    /// must describe the caller's content, not that copy.
    /// </remarks>
    public static async Task<bool> CanReplayAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        switch (content)
        {
            case null or ByteArrayContent or ReadOnlyMemoryContent or JsonContent:
                return true;

            case MultipartContent parts:
                foreach (HttpContent part in parts)
                {
                    if (!await CanReplayAsync(part, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;

            // Only StreamContent itself: a subclass may read its stream differently. Its read
            // stream is a wrapper that reports the wrapped stream's CanSeek without reading it.
            case StreamContent when content.GetType() == typeof(StreamContent):
                return (await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)).CanSeek;

            default:
                return false;
        }
    }

    /// <summary>
    /// A new message with the same method, URI, headers, options and content object. The content
    /// is shared, not copied, so a large upload is never loaded into memory to be replayed.
    /// </summary>
    public static HttpRequestMessage Clone(HttpRequestMessage original)
    {
        var clone = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Version = original.Version,
            VersionPolicy = original.VersionPolicy,
            Content = original.Content,
        };

        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var cloneOptions = (IDictionary<string, object?>)clone.Options;
        foreach (KeyValuePair<string, object?> option in original.Options)
        {
            cloneOptions[option.Key] = option.Value;
        }

        return clone;
    }
}
