using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>Builds an <see cref="OpenStackException"/> from a non-success response.</summary>
internal static class ErrorResponse
{
    /// <summary>
    /// How much of an error body is read. Error bodies are small; the bound protects against a
    /// misbehaving proxy streaming something large with an error status.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<OpenStackException> CreateExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? body = null;
        Exception? readFailure = null;
        try
        {
            body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or DecoderFallbackException)
        {
            // The status alone is still worth reporting when the connection drops mid-body.
            readFailure = ex;
        }

        HttpRequestMessage? request = response.RequestMessage;
        body = RedactRequestTokens(body, request);
        return Create(
            (int)response.StatusCode,
            response.ReasonPhrase,
            request?.Method,
            request?.RequestUri,
            RequestIds.From(response.Headers),
            body,
            response.Content.Headers.ContentType?.MediaType,
            readFailure);
    }

    public static OpenStackException Create(
        int status,
        string? reasonPhrase,
        HttpMethod? method,
        Uri? requestUri,
        string? requestId,
        string? body,
        string? mediaType,
        Exception? inner)
    {
        ParsedError parsed = ErrorBodyParser.Parse(body, mediaType);
        requestId ??= parsed.RequestId;
        string message = ComposeMessage(status, reasonPhrase, method, requestUri, parsed.Message, requestId);
        return new OpenStackException(message, status, method, requestUri, requestId, parsed.Message, parsed.ErrorCode, body, inner);
    }

    // Services quote what they could not use ("Could not find token: <token>"): the tokens this
    // request carried must not travel on in the exception's message, ServerMessage or ResponseBody.
    private static readonly string[] TokenHeaders = { "X-Auth-Token", "X-Subject-Token", "X-Service-Token" };

    internal static string? RedactRequestTokens(string? body, HttpRequestMessage? request)
    {
        if (string.IsNullOrEmpty(body) || request is null)
        {
            return body;
        }

        foreach (string header in TokenHeaders)
        {
            if (!request.Headers.TryGetValues(header, out var values))
            {
                continue;
            }

            foreach (string value in values)
            {
                // Very short values would redact innocent text; real tokens are long.
                if (value.Length >= 8)
                {
                    body = body.Replace(value, "***", StringComparison.Ordinal);
                }
            }
        }

        return body;
    }

    internal static string ComposeMessage(
        int status,
        string? reasonPhrase,
        HttpMethod? method,
        Uri? requestUri,
        string? serverMessage,
        string? requestId)
    {
        var text = new StringBuilder();
        if (method is not null)
        {
            text.Append(method.Method).Append(' ');
        }

        // A temp-URL signature or a token in the query must not reach a log through the message.
        string target = requestUri is null ? "request"
            : requestUri.IsAbsoluteUri && (requestUri.Query.Length > 1 || requestUri.UserInfo.Length > 0) ? Diagnostics.SecretRedaction.Uri(requestUri)
            : requestUri.ToString();
        text.Append(target).Append(" failed with ").Append(status);
        if (!string.IsNullOrWhiteSpace(reasonPhrase))
        {
            text.Append(" (").Append(reasonPhrase).Append(')');
        }

        string? detail = WithoutStatusPrefix(serverMessage, status, reasonPhrase);
        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(": ").Append(detail);
        }

        if (!EndsWithPunctuation(text))
        {
            text.Append('.');
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text.Append(" Request id: ").Append(requestId).Append('.');
        }

        return text.ToString();
    }

    // HTML error pages repeat the status line ("404 Not Found: ..."), which the message already shows.
    private static string? WithoutStatusPrefix(string? serverMessage, int status, string? reasonPhrase)
    {
        if (serverMessage is null || string.IsNullOrEmpty(reasonPhrase))
        {
            return serverMessage;
        }

        string prefix = status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + reasonPhrase;
        if (!serverMessage.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return serverMessage;
        }

        string rest = serverMessage[prefix.Length..].TrimStart(' ', ':', '-');
        return rest.Length == 0 ? null : rest;
    }

    private static bool EndsWithPunctuation(StringBuilder text)
    {
        char last = text[^1];
        return last is '.' or '!' or '?' or '…';
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> of the body and decodes it with its declared charset.</summary>
    internal static async Task<string?> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes);
            try
            {
                int total = 0;
                while (total < MaxBodyBytes)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(total, MaxBodyBytes - total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total == 0 ? null : EncodingOf(content).GetString(buffer, 0, total);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        string? charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset label falls back to UTF-8, which every OpenStack service uses anyway.
            }
        }

        return Encoding.UTF8;
    }
}
