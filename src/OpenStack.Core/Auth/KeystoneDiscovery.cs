using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Http;

namespace OpenStack.Auth;

/// <summary>Where the token request goes: the Keystone API version and its base URL (without a trailing slash).</summary>
internal sealed record KeystoneApi(IdentityVersion Version, Uri BaseUrl)
{
    public Uri TokensUrl => new(BaseUrl.AbsoluteUri + (Version == IdentityVersion.V2 ? "/tokens" : "/auth/tokens"));
}

/// <summary>
/// Finds the Keystone API to authenticate against: the version named in the options or the auth
/// URL, else the one Keystone's root document offers (v3 whenever it is offered).
/// </summary>
internal static class KeystoneDiscovery
{
    /// <summary>The API for a version that is already known: its segment is appended to the auth URL unless already there.</summary>
    public static KeystoneApi Fixed(Uri authUrl, IdentityVersion version)
    {
        string segment = version == IdentityVersion.V2 ? "/v2.0" : "/v3";
        string path = authUrl.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith(segment, StringComparison.OrdinalIgnoreCase))
        {
            path += segment;
        }

        return new KeystoneApi(version, new Uri(authUrl.GetLeftPart(UriPartial.Authority) + path, UriKind.Absolute));
    }

    /// <summary>
    /// Reads Keystone's root document (300 Multiple Choices, or 200 when a redirect to the
    /// preferred version was followed) and picks v3 when it is offered, v2.0 only when it is the
    /// sole version.
    /// </summary>
    /// <exception cref="OpenStackConfigurationException">The root offers no usable document or neither version.</exception>
    public static async Task<KeystoneApi> DiscoverAsync(HttpClient http, Uri authUrl, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiVersionInfo> versions;
        using (var request = new HttpRequestMessage(HttpMethod.Get, authUrl))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using HttpResponseMessage response = await http
                    .SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken)
                    .ConfigureAwait(false);
                if ((int)response.StatusCode >= 400)
                {
                    // Only reached with a client built without the error handler.
                    throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
                }

                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                versions = VersionDiscovery.Parse(body);
            }
            catch (Exception ex) when (ex is OpenStackException or InvalidDataException)
            {
                throw new OpenStackConfigurationException(
                    $"Could not discover the Keystone API versions at {authUrl}: {ex.Message} " +
                    "Put the version in AuthUrl (…/v3) or set IdentityApiVersion (OS_IDENTITY_API_VERSION).",
                    ex);
            }
        }

        return Choose(authUrl, versions);
    }

    internal static KeystoneApi Choose(Uri authUrl, IReadOnlyList<ApiVersionInfo> versions)
    {
        // Keystone marks v2.0 "deprecated" next to v3, so status decides nothing here: a v2.0-only
        // Keystone must still be usable.
        ApiVersionInfo? v3 = versions.FirstOrDefault(v => v.Major == 3);
        if (v3 is not null)
        {
            return FromDocument(authUrl, IdentityVersion.V3, v3);
        }

        ApiVersionInfo? v2 = versions.FirstOrDefault(v => v.Id.Equals("v2.0", StringComparison.OrdinalIgnoreCase) || v.Major == 2);
        if (v2 is not null)
        {
            return FromDocument(authUrl, IdentityVersion.V2, v2);
        }

        string offered = versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.Id));
        throw new OpenStackConfigurationException(
            $"Keystone at {authUrl} offers no identity API version this SDK speaks (offered: {offered}); v3 or v2.0 is needed.");
    }

    private static KeystoneApi FromDocument(Uri authUrl, IdentityVersion version, ApiVersionInfo info)
    {
        if (info.Link is null || (info.Link.Scheme != Uri.UriSchemeHttp && info.Link.Scheme != Uri.UriSchemeHttps))
        {
            return Fixed(authUrl, version);
        }

        string url = info.Link.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new KeystoneApi(version, new Uri(url, UriKind.Absolute));
    }
}
