using System;
using System.Net.Http;
using OpenStack;
using OpenStack.Http;

/// <summary>
/// Entry point of the child process <see cref="OpenStack.Tests.Transport.ProxyTests"/> starts.
/// .NET runs a startup hook before Main when DOTNET_STARTUP_HOOKS names this assembly, which lets the
/// already-built test assembly act as a tiny program without a project of its own. It does nothing
/// unless <see cref="OpenStack.Tests.Transport.ProxyProbe.UrlsVariable"/> is set too.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        string? urls = Environment.GetEnvironmentVariable(OpenStack.Tests.Transport.ProxyProbe.UrlsVariable);
        if (!string.IsNullOrEmpty(urls))
        {
            Environment.Exit(OpenStack.Tests.Transport.ProxyProbe.Run(urls.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}

namespace OpenStack.Tests.Transport
{
    /// <summary>Sends a GET to each URL through the transport the SDK builds and prints one result line per URL.</summary>
    public static class ProxyProbe
    {
        public const string UrlsVariable = "OPENSTACK_TESTS_PROXY_PROBE_URLS";

        public const string ResultPrefix = "PROBE ";

        public static int Run(string[] urls)
        {
            using var http = new HttpClient(TransportFactory.Create(new OpenStackClientOptions())) { Timeout = TimeSpan.FromSeconds(20) };
            foreach (string url in urls)
            {
                string outcome;
                try
                {
                    using HttpResponseMessage response = http.GetAsync(new Uri(url)).GetAwaiter().GetResult();
                    outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
                        + response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                }
                catch (HttpRequestException ex)
                {
                    // The whole text, inner exceptions included, so the parent can check what an error would log.
                    outcome = "error " + ex.GetType().Name + ": " + ex.ToString().ReplaceLineEndings(" | ");
                }

                Console.WriteLine(ResultPrefix + url + " " + outcome);
            }

            return 0;
        }
    }
}
