using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Tasks;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public class AuthRetryTests
{
    private const string Unauthorized = """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""";

    private static HttpResponseMessage Reject() => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, Unauthorized);

    [Fact]
    public async Task A_401_triggers_one_reauthentication_and_one_retry_with_the_new_token()
    {
        var keystone = new FakeKeystone();
        keystone.Services = (request, _) => Task.FromResult(request.Header("X-Auth-Token") == "token-1"
            ? Reject()
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"ok":true}"""));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:8774/v2.1/"));

        using var content = new StringContent("""{"server":{"name":"a"}}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(new Uri("servers", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
        RecordedRequest[] calls = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal("token-1", calls[0].Header("X-Auth-Token"));
        Assert.Equal("token-2", calls[1].Header("X-Auth-Token"));
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal("""{"server":{"name":"a"}}""", calls[1].Body);
        Assert.Equal("application/json", calls[1].ContentType);
        Assert.Equal(HttpMethod.Post, calls[1].Method);
    }

    [Fact]
    public async Task A_JsonContent_body_is_sent_with_a_length_and_replayed_after_401()
    {
        var keystone = new FakeKeystone();
        keystone.Services = (request, _) => Task.FromResult(request.Header("X-Auth-Token") == "token-1"
            ? Reject()
            : FakeHttpHandler.Json(HttpStatusCode.Created, "{}"));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));
        using JsonContent content = JsonContent.Create(new VersionDocument { Id = "img" }, HttpTestJsonContext.Default.VersionDocument);

        using HttpResponseMessage response = await http.PostAsync(new Uri("images", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        RecordedRequest[] calls = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.All(calls, c => Assert.Equal("""{"id":"img","status":null}""", c.Body));
        Assert.All(calls, c => Assert.Equal(26, c.ContentLength));
    }

    [Fact]
    public async Task A_second_401_surfaces_as_an_exception_without_looping()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Reject()));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(401, ex.Status);
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
        Assert.Equal(2, keystone.Handler.Requests.Count(r => !r.IsTokenRequest));
        Assert.DoesNotContain("token-", ex.Message, StringComparison.Ordinal);
    }

    // A seekable stream is rewound and replayed (Core/Auth/ReauthenticationTests); one that cannot seek is not.
    [Fact]
    public async Task A_streamed_body_that_cannot_seek_is_not_replayed()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Reject()));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));
        using var upload = new StreamContent(new ForwardOnlyStream(new byte[] { 1, 2, 3 }));

        var ex = await Assert.ThrowsAsync<OpenStackException>(
            () => http.PutAsync(new Uri("images/x/file", UriKind.Relative), upload));

        Assert.Equal(401, ex.Status);
        Assert.Equal(1, keystone.Handler.Requests.Count(r => !r.IsTokenRequest));
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_403_is_not_retried()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(FakeHttpHandler.Json(
            HttpStatusCode.Forbidden,
            """{"forbidden":{"code":403,"message":"Policy doesn't allow os_compute_api:servers:create to be performed."}}""")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:8774/v2.1/"));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("servers", UriKind.Relative)));

        Assert.Equal(403, ex.Status);
        Assert.Equal("forbidden", ex.ErrorCode);
        Assert.Equal(1, keystone.Handler.Requests.Count(r => !r.IsTokenRequest));
    }

    private sealed class ForwardOnlyStream : MemoryStream
    {
        public ForwardOnlyStream(byte[] data)
            : base(data)
        {
        }

        public override bool CanSeek => false;
    }
}
