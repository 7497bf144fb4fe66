using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Auth;

/// <summary>
/// Keystone v3 TOTP authentication: the method <c>totp</c> alone, or <c>password</c> and
/// <c>totp</c> together (multi-factor) when a password is set too.
/// </summary>
/// <remarks>
/// A passcode is sent once, never again. The token is used until it expires; after that, or
/// when a service rejects it, <see cref="AuthenticateAsync"/> throws
/// <see cref="ReauthenticationRequiredException"/>: connect again with a new passcode.
/// </remarks>
public sealed class KeystoneTotpAuth : IAuthMethod
{
    private readonly KeystoneAuthCore _core;
    private int _used;

    /// <summary>Captures the passcode, user and scope from validated options.</summary>
    /// <param name="options">
    /// Options with <see cref="OpenStackClientOptions.Passcode"/> and the user (and
    /// <see cref="OpenStackClientOptions.Password"/> for multi-factor); later changes to them do
    /// not affect this instance.
    /// </param>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete, contradictory, or describe another method.</exception>
    public KeystoneTotpAuth(OpenStackClientOptions options)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        AuthKind kind = string.IsNullOrEmpty(options.Password) ? AuthKind.Totp : AuthKind.PasswordTotp;
        _core = new KeystoneAuthCore(options, kind);
    }

    /// <summary>Always <see langword="false"/>: the passcode is valid once.</summary>
    public bool CanRefresh => false;

    /// <inheritdoc />
    /// <exception cref="ReauthenticationRequiredException">The passcode was already sent once.</exception>
    public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken)
    {
        // Marked before sending: even a failed attempt may have consumed the passcode.
        if (Interlocked.Exchange(ref _used, 1) != 0)
        {
            string user = _core.Credentials.Username ?? _core.Credentials.UserId ?? "the user";
            return Task.FromException<AuthToken>(new ReauthenticationRequiredException(
                $"The token issued for the TOTP passcode of {user} has expired or was rejected, and a one-time passcode is never sent twice. " +
                "Connect again with a new Passcode (OS_PASSCODE)."));
        }

        return _core.AuthenticateAsync(unauthenticatedHttp, cancellationToken);
    }

    /// <summary>Names the method and the user; never the passcode or password.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => _core.Credentials.Describe(nameof(KeystoneTotpAuth));
}
