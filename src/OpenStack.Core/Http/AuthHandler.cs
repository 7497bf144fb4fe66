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
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !RequestCloner.CanResend(request.Content))
        {
            return response;
        }

        _connection.InvalidateToken(token);
        AuthToken fresh = await _connection.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        HttpRequestMessage retry = await RequestCloner.CloneAsync(request, cancellationToken).ConfigureAwait(false);
        SetToken(retry, fresh);
        response.Dispose();
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    private static void SetToken(HttpRequestMessage request, AuthToken token)
    {
        request.Headers.Remove(TokenHeader);
        request.Headers.TryAddWithoutValidation(TokenHeader, token.Value);
    }
}
