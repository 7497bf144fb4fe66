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
/// What every built-in Keystone method shares: finding the API (once per method instance),
/// writing the body for its kind, sending it and reading the token from the v3 or v2.0 answer.
/// </summary>
internal sealed class KeystoneAuthCore
{
    private readonly Uri _authUrl;
    private readonly IdentityVersion _version;
    private KeystoneApi? _api;

    public KeystoneAuthCore(OpenStackClientOptions options, AuthKind expected)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        AuthSelection selection = AuthSelection.Resolve(options);
        if (selection.Kind != expected)
        {
            throw new OpenStackConfigurationException(
                $"The options describe {AuthSelection.Describe(selection.Kind)} authentication, not {AuthSelection.Describe(expected)}; " +
                "use AuthMethodFactory.Create(options) to get the method they describe.");
        }

        Kind = selection.Kind;
        _version = selection.Version;
        _authUrl = options.AuthUrl!;
        Credentials = KeystoneCredentials.From(options);
        if (_version != IdentityVersion.Discover)
        {
            _api = KeystoneDiscovery.Fixed(_authUrl, _version);
        }
    }

    public AuthKind Kind { get; }

    public KeystoneCredentials Credentials { get; }

    /// <summary>The API the last token request went to; <see langword="null"/> before discovery.</summary>
    public KeystoneApi? Api => Volatile.Read(ref _api);

    public async Task<AuthToken> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        KeystoneApi api = Api ?? await DiscoverAsync(http, cancellationToken).ConfigureAwait(false);
        try
        {
            return api.Version == IdentityVersion.V2
                ? await RequestV2Async(http, api.TokensUrl, cancellationToken).ConfigureAwait(false)
                : await RequestV3Async(http, api.TokensUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackException ex) when (Redacted(ex) is OpenStackException redacted)
        {
            throw redacted;
        }
    }

    /// <summary>
    /// A copy of Keystone's error with every secret of the request replaced by <c>***</c>, or
    /// <see langword="null"/> when it quotes none. Some Keystone releases echo what they could not
    /// find, e.g. "Could not find token: …".
    /// </summary>
    internal OpenStackException? Redacted(OpenStackException ex)
    {
        string?[] secrets = [Credentials.Password, Credentials.Token, Credentials.ApplicationCredentialSecret, Credentials.Passcode];
        bool quoted = false;
        foreach (string? secret in secrets)
        {
            if (secret is not null
                && (Contains(ex.Message, secret) || Contains(ex.ServerMessage, secret) || Contains(ex.ResponseBody, secret)))
            {
                quoted = true;
            }
        }

        if (!quoted)
        {
            return null;
        }

        string? Scrub(string? text)
        {
            foreach (string? secret in secrets)
            {
                if (text is not null && secret is not null)
                {
                    text = text.Replace(secret, "***", StringComparison.Ordinal);
                }
            }

            return text;
        }

        // The original is dropped rather than kept as the inner exception: it would carry the secret along.
        return new OpenStackException(
            Scrub(ex.Message)!, ex.Status, ex.Method, ex.RequestUri, ex.RequestId, Scrub(ex.ServerMessage), ex.ErrorCode, Scrub(ex.ResponseBody));
    }

    private static bool Contains(string? text, string secret) => text is not null && text.Contains(secret, StringComparison.Ordinal);

    private async Task<KeystoneApi> DiscoverAsync(HttpClient http, CancellationToken cancellationToken)
    {
        KeystoneApi api = await KeystoneDiscovery.DiscoverAsync(http, _authUrl, cancellationToken).ConfigureAwait(false);
        if (api.Version == IdentityVersion.V2)
        {
            // Validation assumed v3 because the version was unknown; v2.0 can do less.
            if (Kind is not (AuthKind.Password or AuthKind.Token))
            {
                throw new OpenStackConfigurationException(
                    $"Keystone at {_authUrl} offers only v2.0, but {AuthSelection.Describe(Kind)} authentication needs v3.");
            }

            if (Credentials.Scope is ScopeKind.Domain or ScopeKind.System or ScopeKind.Trust)
            {
                throw new OpenStackConfigurationException(
                    $"Keystone at {_authUrl} offers only v2.0, which has no {Credentials.Scope.ToString().ToLowerInvariant()} scope; " +
                    "only a project (tenant) scope or none.");
            }
        }

        // Discovery has no side effects, so two racing first calls at worst ask twice.
        Volatile.Write(ref _api, api);
        return api;
    }

    private async Task<AuthToken> RequestV3Async(HttpClient http, Uri tokensUrl, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await PostAsync(http, tokensUrl, KeystoneRequestBodies.V3(Kind, Credentials), cancellationToken)
            .ConfigureAwait(false);
        string? tokenValue = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(tokenValue))
        {
            throw new InvalidDataException(
                $"Keystone answered POST {tokensUrl} with {(int)response.StatusCode} but without an X-Subject-Token header.");
        }

        KeystoneTokenEnvelope? envelope = await ReadAsync(response, tokensUrl, CoreJsonContext.Default.KeystoneTokenEnvelope, cancellationToken)
            .ConfigureAwait(false);
        if (envelope?.Token is null)
        {
            throw new InvalidDataException($"Keystone's token response from {tokensUrl} has no \"token\" object.");
        }

        return KeystoneTokenMapper.FromV3(tokenValue, envelope.Token);
    }

    private async Task<AuthToken> RequestV2Async(HttpClient http, Uri tokensUrl, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await PostAsync(http, tokensUrl, KeystoneRequestBodies.V2(Kind, Credentials), cancellationToken)
            .ConfigureAwait(false);
        KeystoneV2AccessEnvelope? envelope = await ReadAsync(response, tokensUrl, CoreJsonContext.Default.KeystoneV2AccessEnvelope, cancellationToken)
            .ConfigureAwait(false);
        if (envelope?.Access is null)
        {
            throw new InvalidDataException($"Keystone's v2.0 token response from {tokensUrl} has no \"access\" object.");
        }

        return KeystoneTokenMapper.FromV2(envelope.Access);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri tokensUrl, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokensUrl);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response = await http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Only reached with a client built without the error handler (or a 3xx it let through).
            using (response)
            {
                throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    private static async Task<T?> ReadAsync<T>(
        HttpResponseMessage response,
        Uri tokensUrl,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Keystone's token response from {tokensUrl} is not valid JSON: {ex.Message}", ex);
            }
        }
    }
}
