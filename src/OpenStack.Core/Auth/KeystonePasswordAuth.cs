using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>
/// Keystone password authentication: v3 (<c>POST /v3/auth/tokens</c>, the user by id or by name
/// and domain; project, domain, system, trust or no scope) or v2.0 (<c>POST /v2.0/tokens</c>,
/// tenant name or id). Without a version in the options or the auth URL, Keystone's root
/// document decides, preferring v3.
/// </summary>
/// <remarks>Tokens are renewed with the password ahead of expiry and after a 401.</remarks>
public sealed class KeystonePasswordAuth : IAuthMethod
{
    private readonly KeystoneAuthCore _core;

    /// <summary>Captures the credentials and scope from validated options.</summary>
    /// <param name="options">
    /// Options that describe password authentication (a password and no other secret, or
    /// <see cref="OpenStackClientOptions.AuthType"/> <c>password</c>, <c>v3password</c>, <c>v2password</c>);
    /// later changes to them do not affect this instance.
    /// </param>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete, contradictory, or describe another method.</exception>
    public KeystonePasswordAuth(OpenStackClientOptions options)
    {
        _core = new KeystoneAuthCore(options, AuthKind.Password);
    }

    /// <inheritdoc />
    public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken) =>
        _core.AuthenticateAsync(unauthenticatedHttp, cancellationToken);

    /// <summary>Names the method and the user; never the password.</summary>
    /// <returns>For example <c>KeystonePasswordAuth { User=demo Password=*** Scope=Project:demo }</c>.</returns>
    public override string ToString() => _core.Credentials.Describe(nameof(KeystonePasswordAuth));
}
