using System;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace OpenStack.Tests.Transport;

/// <summary>The User-Agent header as a server sees it, on the token request and on service requests.</summary>
public sealed class UserAgentTests
{
    private static readonly string LibraryToken = "openstack-dotnet/" + PackageVersion();

    [Fact]
    public async Task The_application_name_prefixes_the_library_token_on_every_request()
    {
        string[] agents = await UserAgentsOnTheWireAsync("nightly-sync/1.4");

        Assert.Equal(["nightly-sync/1.4 " + LibraryToken, "nightly-sync/1.4 " + LibraryToken], agents);
    }

    [Fact]
    public async Task Without_an_application_name_only_the_library_token_is_sent()
    {
        string[] agents = await UserAgentsOnTheWireAsync(null);

        Assert.Equal([LibraryToken, LibraryToken], agents);
    }

    [Fact]
    public void The_library_token_is_the_package_version_without_build_metadata()
    {
        Assert.Matches(new Regex(@"^openstack-dotnet/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"), OpenStack.Http.UserAgent.LibraryToken);
    }

    private static async Task<string[]> UserAgentsOnTheWireAsync(string? applicationName)
    {
        await using LoopbackServer server = LoopbackServer.Http(KeystoneWire.Respond);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.ApplicationName = applicationName;

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);
        await http.GetStringAsync(new Uri("v2/images", UriKind.Relative));

        Assert.Equal(["POST /v3/auth/tokens", "GET /v2/images"], server.Requests.Select(r => r.Method + " " + r.Target));
        return server.Requests.Select(r => r.Header("User-Agent") ?? "(none)").ToArray();
    }

    // The NuGet package version: the informational version without the "+commit" SourceLink appends.
    private static string PackageVersion()
    {
        string version = typeof(OpenStackConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
