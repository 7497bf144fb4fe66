using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>
/// A way of obtaining a token. Implement it to authenticate in a way the SDK does not know, and
/// set it as <see cref="OpenStackClientOptions.AuthMethod"/>; it then replaces every built-in method.
/// </summary>
/// <remarks>
/// The connection calls <see cref="AuthenticateAsync"/> once when connecting and again, one call
/// at a time, when the token nears expiry (if <see cref="CanRefresh"/>) or a service rejected it
/// with 401.
/// </remarks>
public interface IAuthMethod
{
    /// <summary>
    /// Whether calling <see cref="AuthenticateAsync"/> again yields a token that lives longer
    /// without new input from the user. One-time passcodes and tokens handed in from elsewhere
    /// cannot; for such methods the connection keeps the token until it has expired instead of
    /// replacing it ahead of time, and only then calls <see cref="AuthenticateAsync"/>, which may
    /// throw to say what the user must supply.
    /// </summary>
    bool CanRefresh => true;

    /// <summary>Requests a new token.</summary>
    /// <param name="unauthenticatedHttp">
    /// A client whose pipeline turns error responses into <see cref="OpenStackException"/> but adds no token.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new token with its catalog.</returns>
    Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken);
}
