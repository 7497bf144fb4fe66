using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Http;
using OpenStack.Json;

namespace OpenStack.Auth;

/// <summary>
/// Keystone v3 password authentication (<c>POST /v3/auth/tokens</c>) with project, domain or no scope.
/// </summary>
public sealed class KeystonePasswordAuth : IAuthMethod
{
    private readonly Uri _tokensUri;
    private readonly PasswordCredentials _credentials;

    /// <summary>Captures the credentials and scope from validated options.</summary>
    /// <param name="options">
    /// The options; later changes to them do not affect this instance.
    /// </param>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete or contradictory.</exception>
    public KeystonePasswordAuth(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _tokensUri = TokensUri(options.AuthUrl!);
        _credentials = PasswordCredentials.From(options);
    }

    /// <summary>The URI the token request is sent to.</summary>
    public Uri TokensEndpoint => _tokensUri;

    /// <inheritdoc />
    public async Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unauthenticatedHttp);

        using var request = new HttpRequestMessage(HttpMethod.Post, _tokensUri);
        var content = new ByteArrayContent(KeystoneAuthRequestBody.Write(_credentials));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using HttpResponseMessage response = await unauthenticatedHttp
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Only reached with a client built without the error handler.
            throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        string? tokenValue = response.Headers.TryGetValues("X-Subject-Token", out var values)
            ? values.FirstOrDefault()
            : null;
        if (string.IsNullOrEmpty(tokenValue))
        {
            throw new InvalidDataException(
                $"Keystone answered POST {_tokensUri} with {(int)response.StatusCode} but without an X-Subject-Token header.");
        }

        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            KeystoneTokenEnvelope? envelope;
            try
            {
                envelope = await JsonSerializer
                    .DeserializeAsync(body, CoreJsonContext.Default.KeystoneTokenEnvelope, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Keystone's token response from {_tokensUri} is not valid JSON: {ex.Message}", ex);
            }

            if (envelope?.Token is null)
            {
                throw new InvalidDataException($"Keystone's token response from {_tokensUri} has no \"token\" object.");
            }

            return KeystoneTokenMapper.ToAuthToken(tokenValue, envelope.Token);
        }
    }

    /// <summary>
    /// Builds <c>{authUrl}/v3/auth/tokens</c>, without doubling a <c>/v3</c> the URL already ends with.
    /// </summary>
    internal static Uri TokensUri(Uri authUrl)
    {
        string path = authUrl.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/v3", StringComparison.Ordinal))
        {
            path += "/v3";
        }

        return new Uri(authUrl.GetLeftPart(UriPartial.Authority) + path + "/auth/tokens", UriKind.Absolute);
    }
}
