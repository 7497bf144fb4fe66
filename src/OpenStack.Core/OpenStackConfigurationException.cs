using System;

namespace OpenStack;

/// <summary>
/// Thrown when the client configuration is incomplete or contradictory, or when the service
/// catalog cannot satisfy a request for an endpoint. Nothing was sent to a service that failed.
/// </summary>
public class OpenStackConfigurationException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public OpenStackConfigurationException()
        : base("The OpenStack client configuration is invalid.")
    {
    }

    /// <summary>Creates the exception with a message that names the offending setting.</summary>
    /// <param name="message">What is missing or contradictory.</param>
    public OpenStackConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is missing or contradictory.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OpenStackConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
