using System;
using System.Net.Http;

namespace OpenStack.Http;

/// <summary>Builds the innermost handler of a connection from the options' transport settings.</summary>
internal static class TransportFactory
{
    /// <summary>
    /// A pooled <see cref="SocketsHttpHandler"/> with the options' TLS settings: the system trust
    /// store by default, only the CAs of <see cref="OpenStackClientOptions.CaCertificateFile"/> when
    /// it is set, any certificate when <see cref="OpenStackClientOptions.VerifyTls"/> is off, and the
    /// client certificate when one is configured.
    /// </summary>
    /// <remarks>
    /// Proxies come from <see cref="HttpClient.DefaultProxy"/>, which on Linux and macOS is built from
    /// <c>http_proxy</c>, <c>https_proxy</c>, <c>all_proxy</c> and <c>no_proxy</c> (either case;
    /// upper-case <c>HTTP_PROXY</c> only outside CGI), and on Windows from the same variables when they
    /// are set, otherwise from the system settings.
    /// .NET reads those variables once per process, the first time any handler needs a proxy.
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">A certificate file is missing, unreadable or unusable; the message names the option and the path.</exception>
    public static HttpMessageHandler Create(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            // Connections are recycled so DNS changes (a moved endpoint, a failover) are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = TlsSettings.ToSslOptions(options),

            // Proxy stays null: .NET already parses the proxy variables the way curl and requests do,
            // and a second parser of ours could only disagree with it.
            UseProxy = true,
        };
    }
}
