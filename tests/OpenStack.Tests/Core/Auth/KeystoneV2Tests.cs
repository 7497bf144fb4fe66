using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Catalog;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core.Auth;

/// <summary>Keystone v2.0 password and token authentication against an in-process fake (Zed serves no v2.0).</summary>
public class KeystoneV2Tests
{
    private const string Root = "http://127.0.0.1:35357";

    /// <summary>A Keystone that speaks only v2.0: POST /v2.0/tokens issues "v2-token-N", GET / lists v2.0 alone.</summary>
    private sealed class FakeKeystoneV2
    {
        private int _issued;

        public FakeKeystoneV2()
        {
            Handler = new FakeHttpHandler(Respond);
        }

        public FakeHttpHandler Handler { get; }

        public Func<RecordedRequest, HttpResponseMessage> Services { get; set; } = _ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}");

        public RecordedRequest[] TokenRequests => Handler.Requests.Where(r => r.Uri.AbsolutePath == "/v2.0/tokens").ToArray();

        private HttpResponseMessage Respond(RecordedRequest request)
        {
            if (request.Method == HttpMethod.Get && request.Uri.AbsolutePath == "/")
            {
                return FakeHttpHandler.Json(HttpStatusCode.MultipleChoices, AuthTestKit.Fill("""
                    {"versions": {"values": [{"id": "v2.0", "status": "deprecated", "updated": "2016-08-04T00:00:00Z",
                      "links": [{"rel": "self", "href": "@0@/v2.0/"}],
                      "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}]}]}}
                    """, Root));
            }

            if (request.Method == HttpMethod.Post && request.Uri.AbsolutePath == "/v2.0/tokens")
            {
                int n = Interlocked.Increment(ref _issued);
                return FakeHttpHandler.Json(HttpStatusCode.OK, AccessBody("v2-token-" + n.ToString(CultureInfo.InvariantCulture)));
            }

            return Services(request);
        }
    }

    private static string AccessBody(string tokenId) => AuthTestKit.Fill("""
        {"access": {
          "token": {"id": "@0@", "issued_at": "2026-11-25T18:00:00.000000", "expires": "2026-11-25T19:00:00Z",
                    "tenant": {"id": "t-42", "name": "demo", "enabled": true, "description": null}},
          "serviceCatalog": [
            {"type": "image", "name": "glance", "endpoints_links": [],
             "endpoints": [{"region": "RegionOne", "id": "ep-1", "publicURL": "http://127.0.0.1:9292", "internalURL": "http://10.0.0.1:9292", "adminURL": "http://192.168.0.1:9292"}]},
            {"type": "compute", "name": "nova",
             "endpoints": [{"region": "RegionOne", "id": "ep-2", "publicURL": "http://127.0.0.1:8774/v2.1/t-42"},
                           {"region": "RegionTwo", "id": "ep-3", "publicURL": "http://two.example:8774/v2.1/t-42", "internalURL": "not a url"}]}],
          "user": {"id": "u-7", "name": "demo", "username": "demo", "roles_links": [], "roles": [{"name": "member"}, {"name": "reader"}]},
          "metadata": {"is_admin": 0, "roles": ["r1", "r2"]}}}
        """, tokenId);

    private static OpenStackClientOptions V2Options(FakeKeystoneV2 keystone, string authUrl, Action<OpenStackClientOptions> configure)
    {
        var options = new OpenStackClientOptions { AuthUrl = new Uri(authUrl), Transport = keystone.Handler, RegionName = "RegionOne" };
        configure(options);
        return options;
    }

    [Fact]
    public async Task Password_with_tenant_name_posts_v2_credentials_and_reads_the_access_document()
    {
        var keystone = new FakeKeystoneV2();
        OpenStackClientOptions options = V2Options(keystone, Root + "/v2.0", o =>
        {
            o.Username = "demo";
            o.Password = AuthTestKit.Password;
            o.ProjectName = "demo";
        });

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone.Handler, options);

        RecordedRequest request = Assert.Single(keystone.Handler.Requests);
        Assert.Equal(new Uri(Root + "/v2.0/tokens"), request.Uri);
        AuthTestKit.AssertJson(
            AuthTestKit.Fill("""{"auth":{"passwordCredentials":{"username":"demo","password":"@0@"},"tenantName":"demo"}}""", AuthTestKit.Password),
            request.Body);

        AuthToken token = connection.Token;
        Assert.Equal("v2-token-1", token.Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero), token.IssuedAt);
        Assert.Equal("t-42", token.ProjectId);
        Assert.Equal("demo", token.ProjectName);
        Assert.Equal("u-7", token.UserId);
        Assert.Equal("demo", token.UserName);
        Assert.Equal(["member", "reader"], token.Roles);
    }

    [Fact]
    public async Task The_v2_catalog_becomes_one_endpoint_per_interface()
    {
        var keystone = new FakeKeystoneV2();
        OpenStackClientOptions options = V2Options(keystone, Root + "/v2.0/", o => { o.UserId = "u-7"; o.Password = AuthTestKit.Password; o.ProjectId = "t-42"; });

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone.Handler, options);

        AuthTestKit.AssertJson(
            AuthTestKit.Fill("""{"auth":{"passwordCredentials":{"userId":"u-7","password":"@0@"},"tenantId":"t-42"}}""", AuthTestKit.Password),
            keystone.TokenRequests.Single().Body);
        CatalogService image = connection.Catalog.Services.Single(s => s.Type == "image");
        Assert.Equal("glance", image.Name);
        Assert.Equal(
            [("public", "http://127.0.0.1:9292/"), ("internal", "http://10.0.0.1:9292/"), ("admin", "http://192.168.0.1:9292/")],
            image.Endpoints.Select(e => (e.Interface, e.Url.ToString())).ToArray());
        Assert.All(image.Endpoints, e => Assert.Equal("RegionOne", e.Region));
        Assert.All(image.Endpoints, e => Assert.Equal("ep-1", e.Id));

        // A malformed URL is dropped; its region's other URLs stay.
        CatalogService compute = connection.Catalog.Services.Single(s => s.Type == "compute");
        Assert.Equal(2, compute.Endpoints.Count);
        Assert.Equal(new Uri("http://127.0.0.1:8774/v2.1/t-42"), compute.Endpoints.Single(e => e.Region == "RegionOne").Url);

        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/"), connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
    }

    [Fact]
    public async Task Token_auth_with_tenant_name_posts_the_token_and_requests_carry_the_new_one()
    {
        var keystone = new FakeKeystoneV2();
        OpenStackClientOptions options = V2Options(keystone, Root, o =>
        {
            o.AuthType = "v2token";
            o.Token = AuthTestKit.Token;
            o.ProjectName = "demo";
        });

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone.Handler, options);
        using HttpClient http = connection.CreateHttpClient(connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        AuthTestKit.AssertJson(
            AuthTestKit.Fill("""{"auth":{"token":{"id":"@0@"},"tenantName":"demo"}}""", AuthTestKit.Token),
            keystone.TokenRequests.Single().Body);
        Assert.Equal(new Uri(Root + "/v2.0/tokens"), keystone.TokenRequests.Single().Uri);
        RecordedRequest call = keystone.Handler.Requests.Last();
        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/images"), call.Uri);
        Assert.Equal("v2-token-1", call.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task A_401_re_authenticates_with_the_v2_password()
    {
        var keystone = new FakeKeystoneV2();
        keystone.Services = r => r.Header("X-Auth-Token") == "v2-token-1"
            ? FakeHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"code":401,"message":"Unauthorized","title":"Unauthorized"}}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, "{}");
        OpenStackClientOptions options = V2Options(keystone, Root + "/v2.0", o => { o.Username = "demo"; o.Password = AuthTestKit.Password; o.ProjectName = "demo"; });
        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone.Handler, options);
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, keystone.TokenRequests.Length);
    }

    [Fact]
    public async Task Discovery_picks_v2_when_it_is_the_only_version_and_uses_its_self_link()
    {
        var keystone = new FakeKeystoneV2();
        OpenStackClientOptions options = V2Options(keystone, Root, o =>
        {
            o.Username = "demo";
            o.UserDomainName = "Default";
            o.Password = AuthTestKit.Password;
            o.ProjectName = "demo";
            o.ProjectDomainName = "Default";
        });

        using OpenStackConnection connection = await AuthTestKit.ConnectAsync(keystone.Handler, options);

        Assert.Equal(
            [(HttpMethod.Get, new Uri(Root + "/")), (HttpMethod.Post, new Uri(Root + "/v2.0/tokens"))],
            keystone.Handler.Requests.Select(r => (r.Method, r.Uri)).ToArray());
        Assert.Equal("v2-token-1", connection.Token.Value);

        // The domains that v3 needed are not sent to v2.0, which has none.
        AuthTestKit.AssertJson(
            AuthTestKit.Fill("""{"auth":{"passwordCredentials":{"username":"demo","password":"@0@"},"tenantName":"demo"}}""", AuthTestKit.Password),
            keystone.TokenRequests.Single().Body);
    }

    [Theory]
    [InlineData("application credential")]
    [InlineData("domain scope")]
    public async Task Discovery_finding_only_v2_refuses_what_v2_cannot_do(string what)
    {
        var keystone = new FakeKeystoneV2();
        OpenStackClientOptions options = V2Options(keystone, Root, o =>
        {
            if (what == "application credential")
            {
                o.ApplicationCredentialId = "ac";
                o.ApplicationCredentialSecret = AuthTestKit.AppSecret;
            }
            else
            {
                o.UserId = "u";
                o.Password = AuthTestKit.Password;
                o.DomainName = "Default";
            }
        });

        var ex = await Assert.ThrowsAsync<OpenStackConfigurationException>(() => AuthTestKit.ConnectAsync(keystone.Handler, options));

        Assert.Contains("only v2.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(what == "application credential" ? "needs v3" : "domain scope", ex.Message, StringComparison.Ordinal);
        Assert.Empty(keystone.TokenRequests);
    }
}
