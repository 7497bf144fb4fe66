using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>
/// Keystone token authentication (method <c>token</c>): exchanges an existing token for a new one,
/// scoped as the options say (project, domain, system, trust), or unscoped when they name no
/// scope. This is how an unscoped token is re-scoped to a project. Keystone v2.0 is supported
/// with a tenant name or id.
/// </summary>
/// <remarks>
/// Keystone gives the new token the expiry of the one it came from, so there is nothing to renew
/// ahead of time (<see cref="CanRefresh"/> is <see langword="false"/>). Once it has expired or
/// been revoked, <see cref="ReauthenticationRequiredException"/> asks for a new token.
/// </remarks>
public sealed class KeystoneTokenAuth : IAuthMethod
{
    private readonly KeystoneAuthCore _core;
    private int _issued;

    /// <summary>Captures the token and scope from validated options.</summary>
    /// <param name="options">
    /// Options with <see cref="OpenStackClientOptions.Token"/> (and no other secret, or
    /// <see cref="OpenStackClientOptions.AuthType"/> <c>token</c>, <c>v3token</c>, <c>v2token</c>);
    /// later changes to them do not affect this instance.
    /// </param>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete, contradictory, or describe another method.</exception>
    public KeystoneTokenAuth(OpenStackClientOptions options)
    {
        _core = new KeystoneAuthCore(options, AuthKind.Token);
    }

    /// <summary>Always <see langword="false"/>: a token obtained from a token keeps the original's expiry.</summary>
    public bool CanRefresh => false;

    /// <inheritdoc />
    /// <exception cref="ReauthenticationRequiredException">
    /// Keystone no longer accepts the token after an earlier exchange succeeded: it has expired or was revoked.
    /// </exception>
    public async Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken)
    {
        try
        {
            AuthToken token = await _core.AuthenticateAsync(unauthenticatedHttp, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _issued);
            return token;
        }
        catch (OpenStackException ex) when ((ex.Status is 401 or 404) && Volatile.Read(ref _issued) > 0)
        {
            // The core has already replaced any quoted token in Keystone's error.
            throw new ReauthenticationRequiredException(
                "Keystone no longer accepts the token given in Token (OS_TOKEN): it has expired or was revoked " +
                $"({ex.Status}{(ex.ServerMessage is null ? string.Empty : ": " + ex.ServerMessage)}). Connect again with a new token.",
                ex);
        }
    }

    /// <summary>Names the method and the scope; never the token.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => _core.Credentials.Describe(nameof(KeystoneTokenAuth));
}
