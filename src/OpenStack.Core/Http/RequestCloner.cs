using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>Copies a request so that it can be sent a second time after re-authentication.</summary>
internal static class RequestCloner
{
    /// <summary>
    /// Whether the content can be read again after it was sent. Buffered contents can; a stream
    /// (an image upload, say) has been consumed and cannot be replayed.
    /// </summary>
    public static bool CanResend(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent or JsonContent;

    public static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Version = original.Version,
            VersionPolicy = original.VersionPolicy,
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

        if (original.Content is not null)
        {
            byte[] body = await original.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(body);
            foreach (KeyValuePair<string, IEnumerable<string>> header in original.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            clone.Content = content;
        }

        return clone;
    }
}
