using System.Net.Http;

namespace OpenStack.Http;

/// <summary>The transport a connection uses when <see cref="OpenStackClientOptions.Transport"/> is not set.</summary>
public static class OpenStackTransport
{
    /// <summary>
    /// Creates the innermost handler the SDK uses by default: a pooled <see cref="SocketsHttpHandler"/>
    /// (connections recycled every 5 minutes) with the TLS settings of <paramref name="options"/>
    /// (<see cref="OpenStackClientOptions.VerifyTls"/>, <see cref="OpenStackClientOptions.CaCertificateFile"/>,
    /// the client certificate) and the proxy from the environment. Dependency injection makes it the
    /// primary handler of each cloud's named <c>HttpClient</c>.
    /// </summary>
    /// <param name="options">The TLS settings to apply.</param>
    /// <returns>A new handler; the caller owns it.</returns>
    /// <exception cref="OpenStackConfigurationException">A certificate file is missing, unreadable or unusable.</exception>
    public static HttpMessageHandler Create(OpenStackClientOptions options) => TransportFactory.Create(options);
}
