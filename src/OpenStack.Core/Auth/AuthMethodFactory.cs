using System;

namespace OpenStack.Auth;

/// <summary>
/// Chooses the authentication method the options describe: <see cref="OpenStackClientOptions.AuthMethod"/>
/// when set, else the one <see cref="OpenStackClientOptions.AuthType"/> names, else the one the
/// credentials that are set imply (an application credential, a passcode — with a password for
/// multi-factor —, a token, a password).
/// </summary>
public static class AuthMethodFactory
{
    /// <summary>Validates the options and builds their authentication method.</summary>
    /// <param name="options">The options; later changes to them do not affect the method.</param>
    /// <returns>The method <see cref="OpenStackConnection.ConnectAsync(OpenStackClientOptions, System.Threading.CancellationToken)"/> would use.</returns>
    /// <exception cref="OpenStackConfigurationException">The options are incomplete or contradictory; the message names the settings.</exception>
    public static IAuthMethod Create(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.AuthMethod is not null)
        {
            return options.AuthMethod;
        }

        AuthSelection selection = AuthSelection.Resolve(options);
        return selection.Kind switch
        {
            AuthKind.Password => new KeystonePasswordAuth(options),
            AuthKind.Token => new KeystoneTokenAuth(options),
            AuthKind.ApplicationCredential => new KeystoneApplicationCredentialAuth(options),
            AuthKind.Totp or AuthKind.PasswordTotp => new KeystoneTotpAuth(options),
            AuthKind.StaticToken => new StaticTokenAuth(options.Token!),
            AuthKind.None => new NoAuth(),
            _ => throw new InvalidOperationException($"No built-in method for {selection.Kind}."),
        };
    }
}
