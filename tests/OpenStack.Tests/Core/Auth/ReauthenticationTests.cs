using System;
using System.Collections.Concurrent;
using System.IO;
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

/// <summary>401 handling: one shared re-authentication for any number of rejected requests, one retry each, and bodies replayed only when they can be.</summary>
public class ReauthenticationTests
{
    private const string Unauthorized = """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""";

    private static HttpResponseMessage Reject() => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, Unauthorized);

    /// <summary>A stream that reads like a socket: forward only.</summary>
    private sealed class ForwardOnlyStream : MemoryStream
    {
        public ForwardOnlyStream(byte[] data)
            : base(data)
        {
        }

        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_hundred_concurrent_401s_cause_one_token_request_and_one_retry_each()
    {
        const int Requests = 100;
        var allRejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int oldTokenArrivals = 0;
        var keystone = new FakeKeystone();
        keystone.Services = async (request, ct) =>
        {
            if (request.Header("X-Auth-Token") != "token-1")
            {
                return FakeHttpHandler.Json(HttpStatusCode.OK, """{"ok":true}""");
            }

            // Hold every request until all of them have been sent with the old token, so all of
            // them really see the 401 and none slips through with an already-renewed token.
            if (Interlocked.Increment(ref oldTokenArrivals) == Requests)
            {
                allRejected.SetResult();
            }

            await allRejected.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return Reject();
        };
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => Task.Run(() =>
            http.PostAsync(new Uri("images/" + i, UriKind.Relative), new StringContent("{\"n\":" + i + "}")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
        RecordedRequest[] calls = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ToArray();
        Assert.Equal(2 * Requests, calls.Length);
        Assert.Equal(Requests, calls.Count(c => c.Header("X-Auth-Token") == "token-1"));
        Assert.Equal(Requests, calls.Count(c => c.Header("X-Auth-Token") == "token-2"));
        foreach (IGrouping<string, RecordedRequest> perPath in calls.GroupBy(c => c.Uri.AbsolutePath))
        {
            Assert.Equal(new string?[] { "token-1", "token-2" }, perPath.Select(c => c.Header("X-Auth-Token")).ToArray());
            Assert.Single(perPath.Select(c => c.Body).Distinct());
        }

        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_seekable_stream_body_is_rewound_and_replayed_whole()
    {
        byte[] data = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();
        var received = new ConcurrentQueue<(string? Token, byte[] Body)>();
        var keystone = new FakeKeystone();
        keystone.Services = (request, _) =>
        {
            received.Enqueue((request.Header("X-Auth-Token"), System.Text.Encoding.Latin1.GetBytes(request.Body ?? string.Empty)));
            return Task.FromResult(request.Header("X-Auth-Token") == "token-1" ? Reject() : new HttpResponseMessage(HttpStatusCode.NoContent));
        };
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));
        var source = new MemoryStream(data);
        source.Position = 0;
        using var upload = new StreamContent(source);

        using HttpResponseMessage response = await http.PutAsync(new Uri("images/x/file", UriKind.Relative), upload);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(new string?[] { "token-1", "token-2" }, received.Select(r => r.Token).ToArray());
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_seekable_stream_is_replayed_from_where_it_started_over_a_real_transport()
    {
        // The fake transport buffers bodies; this one reads the stream the way SocketsHttpHandler does.
        byte[] data = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 7)).ToArray();
        var bodies = new ConcurrentQueue<byte[]>();
        int tokens = 0;
        var transport = new StreamingHandler(async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal))
            {
                int n = Interlocked.Increment(ref tokens);
                return FakeHttpHandler.Json(HttpStatusCode.Created, FakeKeystone.TokenBody(FakeKeystone.Now, FakeKeystone.Now.AddHours(1)), ("X-Subject-Token", "token-" + n));
            }

            var copy = new MemoryStream();
            await request.Content!.CopyToAsync(copy, ct);
            bodies.Enqueue(copy.ToArray());
            return request.Headers.GetValues("X-Auth-Token").Single() == "token-1" ? Reject() : new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        OpenStackClientOptions options = FakeKeystone.Options(new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));
        options.Transport = transport;
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options, new KeystonePasswordAuth(options), new ManualTimeProvider(FakeKeystone.Now), CancellationToken.None);
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));
        var source = new MemoryStream(new byte[5].Concat(data).ToArray()) { Position = 5 };
        using var upload = new StreamContent(source);

        using HttpResponseMessage response = await http.PutAsync(new Uri("images/x/file", UriKind.Relative), upload);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(data, b));
    }

    [Fact]
    public async Task A_forward_only_stream_body_is_not_replayed_and_the_401_says_why()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Reject()));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));
        using var upload = new StreamContent(new ForwardOnlyStream([1, 2, 3]));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.PutAsync(new Uri("images/x/file", UriKind.Relative), upload));

        Assert.Equal(401, ex.Status);
        Assert.Contains("could not be replayed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not seekable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StreamContent", ex.Message, StringComparison.Ordinal);
        Assert.Equal("The request you have made requires authentication.", ex.ServerMessage);
        Assert.DoesNotContain("token-", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, keystone.Handler.Requests.Count(r => !r.IsTokenRequest));

        // The rejected token was dropped: the next request authenticates afresh.
        Assert.Equal("token-2", (await connection.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task A_static_token_rejected_with_401_is_not_retried()
    {
        var transport = new FakeHttpHandler(_ => Reject());
        var options = new OpenStackClientOptions { AuthMethod = new StaticTokenAuth(AuthTestKit.Token), Transport = transport };
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(401, ex.Status);
        RecordedRequest call = Assert.Single(transport.Requests);
        Assert.Equal(AuthTestKit.Token, call.Header("X-Auth-Token"));
        AuthTestKit.AssertNoSecret(ex.ToString());
    }

    [Fact]
    public async Task AuthType_admin_token_sends_the_given_token_to_overridden_endpoints_without_asking_keystone()
    {
        var transport = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var options = new OpenStackClientOptions { AuthType = "admin_token", Token = AuthTestKit.Token, Transport = transport };
        options.EndpointOverrides["image"] = new Uri("http://glance.example:9292");
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);

        using HttpClient http = connection.CreateHttpClient(connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        RecordedRequest call = Assert.Single(transport.Requests);
        Assert.Equal(new Uri("http://glance.example:9292/v2/images"), call.Uri);
        Assert.Equal(AuthTestKit.Token, call.Header("X-Auth-Token"));
        Assert.Same(ServiceCatalog.Empty, connection.Catalog);
    }

    [Fact]
    public async Task A_static_token_with_a_catalog_resolves_endpoints_from_it()
    {
        var catalog = new ServiceCatalog([new CatalogService("image", "glance", null, [new CatalogEndpoint("public", "RegionOne", null, new Uri("http://img.example/"), null)])]);
        var options = new OpenStackClientOptions { AuthMethod = new StaticTokenAuth(AuthTestKit.Token, catalog), Transport = new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)) };

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);

        Assert.Equal(new Uri("http://img.example/v2/"), connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        Assert.Equal(DateTimeOffset.MaxValue, connection.Token.ExpiresAt);
    }

    [Fact]
    public async Task AuthType_none_sends_no_token_and_takes_endpoints_from_the_overrides()
    {
        var transport = new FakeHttpHandler(_ => Reject());
        var options = new OpenStackClientOptions { AuthType = "none", Transport = transport };
        options.EndpointOverrides["baremetal"] = new Uri("http://ironic.example:6385/");
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);

        Assert.True(connection.Token.IsAnonymous);
        Assert.Equal("AuthToken { Anonymous }", connection.Token.ToString());
        Assert.Empty(connection.Catalog.Services);
        using HttpClient http = connection.CreateHttpClient(connection.GetEndpoint(new ServiceDescriptor("baremetal", [], "v1")));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("nodes", UriKind.Relative)));

        Assert.Equal(401, ex.Status);
        RecordedRequest call = Assert.Single(transport.Requests);
        Assert.Equal(new Uri("http://ironic.example:6385/v1/nodes"), call.Uri);
        Assert.Null(call.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task A_custom_method_replaces_the_built_in_ones()
    {
        var custom = new CountingMethod();
        var transport = new FakeHttpHandler(r => r.Header("X-Auth-Token") == "custom-1" ? Reject() : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var options = new OpenStackClientOptions { AuthMethod = custom, Transport = transport, Password = "ignored", AuthUrl = new Uri("http://127.0.0.1:5000/v3") };
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, custom.Calls);
        Assert.Equal(new string?[] { "custom-1", "custom-2" }, transport.Requests.Select(r => r.Header("X-Auth-Token")).ToArray());
    }

    private sealed class CountingMethod : IAuthMethod
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<AuthToken> AuthenticateAsync(HttpClient unauthenticatedHttp, CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref _calls);
            return Task.FromResult(new AuthToken("custom-" + n, DateTimeOffset.MaxValue, ServiceCatalog.Empty));
        }
    }

    /// <summary>Hands the request to the test without buffering its content, as a socket transport would.</summary>
    private sealed class StreamingHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await respond(request, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }
    }
}
