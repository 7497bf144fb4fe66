using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Catalog;

namespace OpenStack.Auth;

/// <summary>
/// No authentication, for standalone services (Ironic or Swift without Keystone, a service
/// behind its own gateway): requests carry no <c>X-Auth-Token</c> and nothing is sent to Keystone.
/// The catalog is empty, so every service needs an entry in
/// <see cref="OpenStackClientOptions.EndpointOverrides"/>. This is what
/// <see cref="OpenStackClientOptions.AuthType"/> <c>none</c> builds.
/// </summary>
public sealed class NoAuth : IAuthMethod
{
    private readonly AuthToken _token;

    /// <summary>Creates the method with an empty catalog.</summary>
    public NoAuth()
        : this(null)
    {
    }

    /// <summary>Creates the method with a catalog of its own, for endpoints known up front.</summary>
    /// <param name="catalog">The catalog to offer; <see langword="null"/> for an empty one.</param>
    public NoAuth(ServiceCatalog? catalog)
    {
        _token = AuthToken.Anonymous(catalog);
    }

    /// <summary>Always <see langword="false"/>: the anonymous token never expires.</summary>
    public bool CanRefresh => false;

    /// <inheritdoc />
    public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken) =>
        Task.FromResult(_token);
}
