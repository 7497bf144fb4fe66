using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>A way of obtaining a Keystone token.</summary>
public interface IAuthMethod
{
    /// <summary>Requests a new token.</summary>
    /// <param name="unauthenticatedHttp">
    /// A client whose pipeline turns error responses into <see cref="OpenStackException"/> but adds no token.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new token with its catalog.</returns>
    Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken);
}
