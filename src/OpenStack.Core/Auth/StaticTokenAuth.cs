using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Catalog;

namespace OpenStack.Auth;

/// <summary>
/// A token obtained elsewhere (another tool, a secret store, a parent process), used as is:
/// nothing is sent to Keystone. Endpoints come from the catalog given here or, usually, from
/// <see cref="OpenStackClientOptions.EndpointOverrides"/>. This is what
/// <see cref="OpenStackClientOptions.AuthType"/> <c>admin_token</c> builds.
/// </summary>
/// <remarks>
/// The token cannot be renewed: a 401 from a service surfaces as an <see cref="OpenStackException"/>
/// without a retry, since sending the same token again would be refused the same way.
/// </remarks>
public sealed class StaticTokenAuth : IAuthMethod
{
    private readonly AuthToken _token;

    /// <summary>Wraps a token value.</summary>
    /// <param name="token">The value to send as <c>X-Auth-Token</c>.</param>
    /// <param name="catalog">The service catalog to resolve endpoints from; <see langword="null"/> for an empty one.</param>
    /// <param name="expiresAt">When the token expires, if known; <see langword="null"/> treats it as never expiring.</param>
    public StaticTokenAuth(string token, ServiceCatalog? catalog = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = new AuthToken(token, expiresAt ?? DateTimeOffset.MaxValue, catalog ?? ServiceCatalog.Empty);
    }

    /// <summary>Always <see langword="false"/>: there is only this one token.</summary>
    public bool CanRefresh => false;

    /// <inheritdoc />
    public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken) =>
        Task.FromResult(_token);

    /// <summary>Describes the method without the token.</summary>
    /// <returns><c>StaticTokenAuth { Token=*** }</c> with the expiry when known.</returns>
    public override string ToString() => _token.ExpiresAt == DateTimeOffset.MaxValue
        ? "StaticTokenAuth { Token=*** }"
        : "StaticTokenAuth { Token=***, ExpiresAt=" + _token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " }";
}
