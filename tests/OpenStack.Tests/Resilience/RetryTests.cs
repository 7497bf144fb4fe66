using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using OpenStack.Tests.Core.Fakes;
using OpenStack.Tests.Diagnostics;
using Xunit;

namespace OpenStack.Tests.Resilience;

/// <summary>Retries of the connection's own pipeline (no dependency injection): 429/503, Retry-After, connection failures.</summary>
public sealed class RetryTests
{
    private static readonly Uri Glance = new("http://127.0.0.1:9292/v2/");

    private static HttpResponseMessage Status(HttpStatusCode status, string? retryAfter = null)
    {
        HttpResponseMessage response = FakeHttpHandler.Json(status, """{"message": "busy"}""");
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    private static int ServiceCalls(FakeKeystone keystone) => keystone.Handler.Requests.Count(r => !r.IsTokenRequest);

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_429_or_503_is_retried_and_the_success_returned(HttpStatusCode first)
    {
        int calls = 0;
        var keystone = new FakeKeystone((_, _) => Task.FromResult(++calls == 1 ? Status(first) : FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);

        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, ServiceCalls(keystone));
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_waited_for()
    {
        int calls = 0;
        var keystone = new FakeKeystone((_, _) => Task.FromResult(++calls == 1 ? Status(HttpStatusCode.TooManyRequests, "1") : FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);
        var clock = Stopwatch.StartNew();

        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_Retry_After_beyond_MaxDelay_is_not_waited_for_and_the_429_is_reported()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Status(HttpStatusCode.TooManyRequests, "3600")));
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.Retry.MaxDelay = TimeSpan.FromSeconds(30));
        using HttpClient http = connection.CreateHttpClient(Glance);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(429, ex.Status);
        Assert.Equal(1, ServiceCalls(keystone));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Retries_are_capped_at_MaxRetries_then_the_error_is_reported()
    {
        var logs = new ListLoggerFactory();
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)));
        using OpenStackConnection connection = await keystone.ConnectAsync(o =>
        {
            o.Retry.MaxRetries = 2;
            o.LoggerFactory = logs;
        });
        using HttpClient http = connection.CreateHttpClient(Glance);

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(503, ex.Status);
        Assert.Equal(3, ServiceCalls(keystone));
        Assert.Equal(2, logs.Entries.Count(e => e.EventName == "HttpRetry"));
        Assert.Contains(logs.Entries, e => e.EventName == "HttpRetry" && e.Message.Contains("(retry 2 of 2) after 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_can_be_switched_off()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)));
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.Retry.Enabled = false);
        using HttpClient http = connection.CreateHttpClient(Glance);

        await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(1, ServiceCalls(keystone));
    }

    [Fact]
    public async Task A_buffered_POST_is_retried_after_503_with_the_same_body()
    {
        int calls = 0;
        var keystone = new FakeKeystone((_, _) => Task.FromResult(++calls == 1 ? Status(HttpStatusCode.ServiceUnavailable) : FakeHttpHandler.Json(HttpStatusCode.Created, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);
        using var content = new StringContent("""{"name": "a"}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await http.PostAsync(new Uri("images", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var posts = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ToArray();
        Assert.Equal(2, posts.Length);
        Assert.All(posts, p => Assert.Equal("""{"name": "a"}""", p.Body));
    }

    [Fact]
    public async Task A_streamed_body_that_cannot_be_replayed_is_never_retried()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(Status(HttpStatusCode.ServiceUnavailable)));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);
        using var upload = new StreamContent(new ForwardOnlyStream([1, 2, 3]));

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => http.PutAsync(new Uri("images/x/file", UriKind.Relative), upload));

        Assert.Equal(503, ex.Status);
        Assert.Equal(1, ServiceCalls(keystone));
    }

    [Theory]
    [InlineData("GET", 2)]
    [InlineData("DELETE", 2)]
    [InlineData("PUT", 2)]
    [InlineData("POST", 1)]
    [InlineData("PATCH", 1)]
    public async Task A_connection_failure_is_retried_only_for_idempotent_methods(string method, int expectedCalls)
    {
        int calls = 0;
        var keystone = new FakeKeystone((_, _) => ++calls == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("images/x", UriKind.Relative))
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        Task<HttpResponseMessage> send = http.SendAsync(request);
        if (expectedCalls == 1)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => send);
        }
        else
        {
            using HttpResponseMessage response = await send;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(expectedCalls, ServiceCalls(keystone));
    }

    [Fact]
    public async Task A_TLS_failure_is_not_a_connection_failure_and_is_not_retried()
    {
        var keystone = new FakeKeystone((_, _) => throw new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established"));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        Assert.Equal(1, ServiceCalls(keystone));
    }

    [Fact]
    public async Task A_503_from_Keystone_is_retried_when_authenticating()
    {
        int tokenCalls = 0;
        var inner = new FakeKeystone();
        var handler = new FakeHttpHandler(async (request, ct) => request.IsTokenRequest && ++tokenCalls == 1
            ? Status(HttpStatusCode.ServiceUnavailable)
            : await ForwardAsync(inner, request));
        OpenStackClientOptions options = FakeKeystone.Options(handler);

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options, new OpenStack.Auth.KeystonePasswordAuth(options), TimeProvider.System, default);

        Assert.Equal("token-1", connection.Token.Value);
        Assert.Equal(2, tokenCalls);
    }

    [Fact]
    public async Task A_401_still_reauthenticates_once_inside_a_retried_request()
    {
        // 503, then 401 for the first token, then 200: one retry, one re-authentication, three sends.
        int calls = 0;
        var keystone = new FakeKeystone();
        keystone.Services = (request, _) => Task.FromResult(++calls switch
        {
            1 => Status(HttpStatusCode.ServiceUnavailable),
            2 => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error": {"code": 401, "message": "expired"}}"""),
            _ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"),
        });
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(Glance);

        using HttpResponseMessage response = await http.GetAsync(new Uri("images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
        var sends = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).Select(r => r.Header("X-Auth-Token")).ToArray();
        Assert.Equal(new string?[] { "token-1", "token-1", "token-2" }, sends);
    }

    private static async Task<HttpResponseMessage> ForwardAsync(FakeKeystone keystone, RecordedRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri)
        {
            Content = request.Body is null ? null : new StringContent(request.Body, Encoding.UTF8, request.ContentType ?? "application/json"),
        };
        using var invoker = new HttpMessageInvoker(keystone.Handler, disposeHandler: false);
        return await invoker.SendAsync(message, default);
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
