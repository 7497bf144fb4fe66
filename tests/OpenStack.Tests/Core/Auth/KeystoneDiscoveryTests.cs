using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>Without a version in the options or the auth URL, Keystone's root document picks the API: v3 whenever offered.</summary>
public class KeystoneDiscoveryTests
{
    private const string BothOffered = """
        {"versions": {"values": [
          {"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
           "links": [{"rel": "self", "href": "http://127.0.0.1:5000/identity/v3/"}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]},
          {"id": "v2.0", "status": "deprecated", "updated": "2016-08-04T00:00:00Z",
           "links": [{"rel": "self", "href": "http://127.0.0.1:5000/identity/v2.0/"}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}]}]}}
        """;

    private static OpenStackClientOptions Password(string authUrl)
    {
        OpenStackClientOptions options = AuthTestKit.Bare(authUrl: authUrl);
        options.Username = "demo";
        options.UserDomainName = "Default";
        options.Password = AuthTestKit.Password;
        options.ProjectName = "demo";
        options.ProjectDomainName = "Default";
        return options;
    }

    private static FakeKeystone KeystoneWithRoot(HttpStatusCode status, string document) =>
        new((request, _) => Task.FromResult(request.Method == HttpMethod.Get && request.Uri.AbsolutePath is "/" or "/identity" or "/identity/"
            ? FakeHttpHandler.Json(status, document)
            : new HttpResponseMessage(HttpStatusCode.NotFound)));

    [Fact]
    public async Task Both_offered_picks_v3_at_its_self_link()
    {
        FakeKeystone keystone = KeystoneWithRoot(HttpStatusCode.MultipleChoices, BothOffered);

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, Password("http://127.0.0.1:5000/identity"));

        Assert.Equal(
            [(HttpMethod.Get, "http://127.0.0.1:5000/identity"), (HttpMethod.Post, "http://127.0.0.1:5000/identity/v3/auth/tokens")],
            keystone.Handler.Requests.Select(r => (r.Method, r.Uri.ToString())).ToArray());
        Assert.Equal("application/json", keystone.Handler.Requests[0].Header("Accept"));
        Assert.Equal("token-1", connection.Token.Value);
    }

    [Fact]
    public async Task A_followed_redirect_to_the_v3_document_is_understood()
    {
        FakeKeystone keystone = KeystoneWithRoot(HttpStatusCode.OK, """
            {"version": {"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "http://127.0.0.1:5000/v3/"}]}}
            """);

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, Password("http://127.0.0.1:5000/"));

        Assert.Equal(new Uri("http://127.0.0.1:5000/v3/auth/tokens"), keystone.Handler.Requests[1].Uri);
    }

    [Fact]
    public async Task Discovery_happens_once_per_method_not_per_token()
    {
        FakeKeystone keystone = KeystoneWithRoot(HttpStatusCode.MultipleChoices, BothOffered);
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, Password("http://127.0.0.1:5000/identity"));

        keystone.Clock.Advance(TimeSpan.FromHours(2));
        await connection.GetTokenAsync();

        Assert.Equal(1, keystone.Handler.Requests.Count(r => r.Method == HttpMethod.Get));
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_version_in_the_options_skips_discovery()
    {
        FakeKeystone keystone = KeystoneWithRoot(HttpStatusCode.MultipleChoices, BothOffered);
        OpenStackClientOptions options = Password("http://127.0.0.1:5000/identity");
        options.IdentityApiVersion = "3";

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone, options);

        Assert.Equal(new Uri("http://127.0.0.1:5000/identity/v3/auth/tokens"), Assert.Single(keystone.Handler.Requests).Uri);
    }

    [Fact]
    public async Task A_root_without_a_version_document_is_a_configuration_error_that_says_what_to_set()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(FakeHttpHandler.Json(
            HttpStatusCode.NotFound, """{"error":{"code":404,"message":"The resource could not be found.","title":"Not Found"}}""")));

        var ex = await Assert.ThrowsAsync<OpenStackConfigurationException>(
            () => AuthTestKit.ConnectAsync(keystone, Password("http://127.0.0.1:5000/")));

        Assert.Contains("Could not discover", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityApiVersion", ex.Message, StringComparison.Ordinal);
        Assert.IsType<OpenStackException>(ex.InnerException);
        Assert.Equal(0, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_root_offering_neither_version_lists_what_it_offers()
    {
        FakeKeystone keystone = KeystoneWithRoot(HttpStatusCode.MultipleChoices, """{"versions": {"values": [{"id": "v4.0", "status": "experimental", "links": []}]}}""");

        var ex = await Assert.ThrowsAsync<OpenStackConfigurationException>(
            () => AuthTestKit.ConnectAsync(keystone, Password("http://127.0.0.1:5000/")));

        Assert.Contains("offered: v4.0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_prefers_v3_and_falls_back_to_the_auth_url_without_a_self_link()
    {
        var root = new Uri("http://k:5000/");

        KeystoneApi both = KeystoneDiscovery.Choose(root, OpenStack.Catalog.VersionDiscovery.Parse(BothOffered));
        KeystoneApi noLink = KeystoneDiscovery.Choose(root, OpenStack.Catalog.VersionDiscovery.Parse("""{"versions": [{"id": "v3.0", "status": "stable"}]}"""));

        Assert.Equal(new KeystoneApi(IdentityVersion.V3, new Uri("http://127.0.0.1:5000/identity/v3")), both);
        Assert.Equal(new Uri("http://k:5000/v3/auth/tokens"), noLink.TokensUrl);
    }
}
