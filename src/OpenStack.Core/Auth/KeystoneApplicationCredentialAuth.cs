using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>
/// Keystone v3 application credential authentication, by credential id and secret, or by
/// credential name, secret and owning user (id, or name and domain). No scope is sent: the
/// credential is bound to the project it was created in.
/// </summary>
/// <remarks>Tokens are renewed with the credential ahead of expiry and after a 401.</remarks>
public sealed class KeystoneApplicationCredentialAuth : IAuthMethod
{
    private readonly KeystoneAuthCore _core;

    /// <summary>Captures the credential from validated options.</summary>
    /// <param name="options">
    /// Options with <see cref="OpenStackClientOptions.ApplicationCredentialSecret"/> and the credential's id or name;
    /// later changes to them do not affect this instance.
    /// </param>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete, contradictory, or describe another method.</exception>
    public KeystoneApplicationCredentialAuth(OpenStackClientOptions options)
    {
        _core = new KeystoneAuthCore(options, AuthKind.ApplicationCredential);
    }

    /// <inheritdoc />
    public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken) =>
        _core.AuthenticateAsync(unauthenticatedHttp, cancellationToken);

    /// <summary>Names the method and the credential; never the secret.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => _core.Credentials.Describe(nameof(KeystoneApplicationCredentialAuth));
}
