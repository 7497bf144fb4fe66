using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Auth;

namespace OpenStack.Http;

/// <summary>
/// Adds the connection's current token to each request. When a service rejects the token with
/// 401 (revoked, or expired earlier than announced) the token is dropped and the request is
/// sent once more with a new one; a second 401 is returned as is, so there is no loop.
/// Concurrent rejections share one re-authentication (<see cref="OpenStackConnection.GetTokenAsync"/>).
/// </summary>
internal sealed class AuthHandler : DelegatingHandler
{
    internal const string TokenHeader = "X-Auth-Token";

    private readonly OpenStackConnection _connection;

    public AuthHandler(OpenStackConnection connection, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _connection = connection;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is JsonContent json)
        {
            // JsonContent cannot tell its length, so it would be sent chunked, and WSGI servers
            // such as uWSGI's http-socket hand the service an empty body instead.
            await json.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        AuthToken token = await _connection.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        SetToken(request, token);
        bool canReplay = await RequestCloner.CanReplayAsync(request.Content, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || token.IsAnonymous)
        {
            return response;
        }

        _connection.InvalidateToken(token);
        if (!canReplay)
        {
            // The next request re-authenticates; this one cannot be repeated, so say why instead
            // of passing on a bare 401 that looks like wrong credentials.
            using (response)
            {
                throw await NotReplayedAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        AuthToken fresh;
        try
        {
            fresh = await _connection.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (fresh.Value == token.Value)
        {
            // The method handed back the same token (one given from elsewhere): it would be refused again.
            return response;
        }

        response.Dispose();
        HttpRequestMessage retry = RequestCloner.Clone(request);
        SetToken(retry, fresh);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    private static void SetToken(HttpRequestMessage request, AuthToken token)
    {
        request.Headers.Remove(TokenHeader);
        if (!token.IsAnonymous)
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, token.Value);
        }
    }

    private static async Task<OpenStackException> NotReplayedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        OpenStackException rejected = await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        return new OpenStackException(
            rejected.Message + " The token was refused and has been dropped, but the request was not sent again: its body " +
            $"({response.RequestMessage?.Content?.GetType().Name ?? "content"}) could not be replayed, because it is a stream that cannot " +
            "be rewound (not seekable) or a content type the SDK cannot read twice. Send the request again with a new body; " +
            "the connection re-authenticates first.",
            rejected.Status,
            rejected.Method,
            rejected.RequestUri,
            rejected.RequestId,
            rejected.ServerMessage,
            rejected.ErrorCode,
            rejected.ResponseBody,
            rejected);
    }
}
