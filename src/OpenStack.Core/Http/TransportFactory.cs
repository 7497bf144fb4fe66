using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>Builds the innermost handler of a connection from the options' transport settings.</summary>
internal static partial class TransportFactory
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
    /// are set, otherwise from the system settings. .NET reads those variables once per process, the
    /// first time any handler needs a proxy.
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">A certificate file is missing, unreadable or unusable; the message names the option and the path.</exception>
    public static HttpMessageHandler Create(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sockets = new SocketsHttpHandler
        {
            // Connections are recycled so DNS changes (a moved endpoint, a failover) are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = TlsSettings.ToSslOptions(options),

            // Proxy stays null: .NET already parses the proxy variables the way curl and requests do,
            // and a second parser of ours could only disagree with it.
            UseProxy = true,
        };
        return new CredentialRedactingHandler(sockets);
    }

    /// <summary>Replaces the user-info of every URL in <paramref name="text"/> with <c>***</c>.</summary>
    internal static string RedactUserInfo(string text) =>
        text.Contains('@', StringComparison.Ordinal) ? UserInfo().Replace(text, "${scheme}***@") : text;

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#@\s'""]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    /// <summary>
    /// .NET quotes the proxy's URL, credentials from <c>https_proxy=http://user:password@host</c>
    /// included, in the message of a failed tunnel; the message is rebuilt without them before it
    /// can reach a log.
    /// </summary>
    private sealed class CredentialRedactingHandler : DelegatingHandler
    {
        public CredentialRedactingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (Redacted(ex) is HttpRequestException redacted)
            {
                throw redacted;
            }
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return base.Send(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (Redacted(ex) is HttpRequestException redacted)
            {
                throw redacted;
            }
        }

        // Null when there is nothing to hide, so the original exception and its stack trace survive.
        private static HttpRequestException? Redacted(HttpRequestException ex)
        {
            string message = RedactUserInfo(ex.Message);
            return message == ex.Message
                ? null
                : new HttpRequestException(ex.HttpRequestError, message, ex.InnerException, ex.StatusCode);
        }
    }
}
