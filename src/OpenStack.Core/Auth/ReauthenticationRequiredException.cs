using System;

namespace OpenStack.Auth;

/// <summary>
/// Thrown when the token has expired or was rejected and the connection cannot get a new one by
/// itself, because the credentials it has must not or cannot be sent again: a one-time TOTP
/// passcode, or a token that was handed in. Supply fresh credentials and connect again.
/// </summary>
public sealed class ReauthenticationRequiredException : OpenStackConfigurationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ReauthenticationRequiredException()
        : base("The token has expired or was rejected, and the connection cannot re-authenticate without new credentials.")
    {
    }

    /// <summary>Creates the exception with a message that says what to supply.</summary>
    /// <param name="message">What expired and what the user must supply.</param>
    public ReauthenticationRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What expired and what the user must supply.</param>
    /// <param name="innerException">The underlying cause, such as Keystone's refusal.</param>
    public ReauthenticationRequiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
