using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public class KeystonePasswordAuthTests
{
    private static async Task<RecordedRequest> AuthenticateAsync(OpenStackClientOptions options)
    {
        var keystone = new FakeKeystone();
        options.Transport = keystone.Handler;
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        return Assert.Single(keystone.Handler.Requests);
    }

    private static OpenStackClientOptions Base(Action<OpenStackClientOptions> configure)
    {
        var options = new OpenStackClientOptions { AuthUrl = new Uri(FakeKeystone.AuthUrl), Password = "pw" };
        configure(options);
        return options;
    }

    private static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        JsonNode? want = JsonNode.Parse(expected);
        JsonNode? got = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(want, got), $"expected {want?.ToJsonString()} but got {got?.ToJsonString()}");
    }

    public static IEnumerable<object[]> BodyVariants()
    {
        yield return
        [
            "user name + domain name, project name + domain name",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.Username = "demo";
                o.UserDomainName = "Default";
                o.ProjectName = "demo";
                o.ProjectDomainName = "Default";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"pw"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}""",
        ];
        yield return
        [
            "user name + domain id, project name + domain id",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.Username = "demo";
                o.UserDomainId = "default";
                o.ProjectName = "demo";
                o.ProjectDomainId = "default";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"id":"default"},"password":"pw"}}},"scope":{"project":{"name":"demo","domain":{"id":"default"}}}}}""",
        ];
        yield return
        [
            "user id, project id",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.UserId = "u-1";
                o.ProjectId = "p-1";
                o.ProjectDomainId = "ignored-for-project-id";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u-1","password":"pw"}}},"scope":{"project":{"id":"p-1"}}}}""",
        ];
        yield return
        [
            "domain scope by id",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.UserId = "u-1";
                o.DomainId = "d-1";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u-1","password":"pw"}}},"scope":{"domain":{"id":"d-1"}}}}""",
        ];
        yield return
        [
            "domain scope by name",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.Username = "admin";
                o.UserDomainName = "Default";
                o.DomainName = "Default";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"pw"}}},"scope":{"domain":{"name":"Default"}}}}""",
        ];
        yield return
        [
            "unscoped",
            (Action<OpenStackClientOptions>)(o =>
            {
                o.Username = "demo";
                o.UserDomainId = "default";
            }),
            """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"id":"default"},"password":"pw"}}}}}""",
        ];
    }

    [Theory]
    [MemberData(nameof(BodyVariants))]
    public async Task The_token_request_body_matches_keystone_v3(string name, Action<OpenStackClientOptions> configure, string expected)
    {
        Assert.NotEmpty(name);
        RecordedRequest request = await AuthenticateAsync(Base(configure));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/json", request.ContentType);
        AssertJson(expected, request.Body);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/v3/auth/tokens")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/v3/auth/tokens")]
    [InlineData("http://127.0.0.1:5000/v3", "http://127.0.0.1:5000/v3/auth/tokens")]
    [InlineData("http://127.0.0.1:5000/v3/", "http://127.0.0.1:5000/v3/auth/tokens")]
    [InlineData("https://cloud.example/identity", "https://cloud.example/identity/v3/auth/tokens")]
    [InlineData("https://cloud.example/identity/v3/", "https://cloud.example/identity/v3/auth/tokens")]
    public void The_token_url_gets_v3_exactly_once(string authUrl, string expected)
    {
        Assert.Equal(new Uri(expected), KeystoneDiscovery.Fixed(new Uri(authUrl), IdentityVersion.V3).TokensUrl);
    }

    [Fact]
    public async Task The_token_is_read_from_the_header_and_the_body()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();

        AuthToken token = connection.Token;
        Assert.Equal("token-1", token.Value);
        Assert.Equal(FakeKeystone.Now + TimeSpan.FromHours(1), token.ExpiresAt);
        Assert.Equal(FakeKeystone.Now, token.IssuedAt);
        Assert.Equal("u-123", token.UserId);
        Assert.Equal("demo", token.UserName);
        Assert.Equal("p-456", token.ProjectId);
        Assert.Equal("demo", token.ProjectName);
        Assert.Equal("default", token.DomainId);
        Assert.Equal("Default", token.DomainName);
        Assert.Equal(["member", "reader"], token.Roles);

        Assert.Equal(6, token.Catalog.Services.Count);
        var image = token.Catalog.Services.Single(s => s.Type == "image");
        Assert.Equal("glance", image.Name);
        Assert.Equal(3, image.Endpoints.Count);
        Assert.Equal(new Uri("http://127.0.0.1:9292"), image.Endpoints[0].Url);
        Assert.Equal("RegionOne", image.Endpoints[0].RegionId);

        // An endpoint with a malformed URL is dropped; its siblings survive.
        var network = token.Catalog.Services.Single(s => s.Type == "network");
        Assert.Equal("e9", Assert.Single(network.Endpoints).Id);
    }

    [Fact]
    public async Task A_response_without_subject_token_is_an_error()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.Created,
            FakeKeystone.TokenBody(FakeKeystone.Now, FakeKeystone.Now.AddHours(1))));
        OpenStackClientOptions options = FakeKeystone.Options(handler);

        var ex = await Assert.ThrowsAsync<System.IO.InvalidDataException>(() => OpenStackConnection.ConnectAsync(options));
        Assert.Contains("X-Subject-Token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_surface_as_401_with_keystones_message()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.Unauthorized,
            """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""",
            ("X-Openstack-Request-Id", "req-bad-pw")));
        OpenStackClientOptions options = FakeKeystone.Options(handler);

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackConnection.ConnectAsync(options));
        Assert.Equal(401, ex.Status);
        Assert.Equal("req-bad-pw", ex.RequestId);
        Assert.Equal("The request you have made requires authentication.", ex.ServerMessage);
        Assert.DoesNotContain(options.Password!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.DisposeCount);
    }

    [Fact]
    public async Task ConnectAsync_validates_before_sending_anything()
    {
        var handler = new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        OpenStackClientOptions options = FakeKeystone.Options(handler);
        options.UserDomainName = null;

        await Assert.ThrowsAsync<OpenStackConfigurationException>(() => OpenStackConnection.ConnectAsync(options, CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Token_ToString_shows_scope_but_not_the_secret_value()
    {
        const string secretValue = "gAAAAAB-SECRET-TOKEN-VALUE-xyz";
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.Created,
            FakeKeystone.TokenBody(FakeKeystone.Now, FakeKeystone.Now.AddHours(1)),
            ("X-Subject-Token", secretValue)));
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(FakeKeystone.Options(handler));

        string text = connection.Token.ToString();

        Assert.Equal(secretValue, connection.Token.Value);
        Assert.DoesNotContain(secretValue, text, StringComparison.Ordinal);
        Assert.Contains("demo", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-25T19:00:00", text, StringComparison.Ordinal);
    }
}
