using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Auth;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public class ConnectionTokenTests
{
    [Fact]
    public async Task A_fresh_token_is_served_from_the_cache()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();

        AuthToken first = await connection.GetTokenAsync();
        AuthToken second = await connection.GetTokenAsync();

        Assert.Same(first, second);
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_fresh_token_is_handed_out_as_the_same_completed_task_without_allocating()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();
        Task<AuthToken> first = connection.GetTokenAsync();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Assert.Same(first, connection.GetTokenAsync());
        }

        // Every request asks for the token: this path is taken once per request and per worker.
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(first.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_token_is_replaced_once_it_is_within_the_refresh_skew()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.TokenRefreshSkew = TimeSpan.FromMinutes(5));

        keystone.Clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-1", (await connection.GetTokenAsync()).Value);

        keystone.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("token-2", (await connection.GetTokenAsync()).Value);
        Assert.Equal("token-2", connection.Token.Value);
    }

    [Fact]
    public async Task Fifty_concurrent_callers_on_an_expired_token_share_one_token_request()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();
        keystone.Clock.Advance(TimeSpan.FromHours(2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        keystone.TokenGate = gate.Task;

        Task<AuthToken>[] callers = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => connection.GetTokenAsync()))
            .ToArray();
        await WaitUntilAsync(() => keystone.Handler.CountTokenRequests() >= 2);
        await Task.Delay(50);
        gate.SetResult();
        AuthToken[] tokens = await Task.WhenAll(callers);

        Assert.Equal(2, keystone.Handler.CountTokenRequests());
        Assert.All(tokens, t => Assert.Equal("token-2", t.Value));
    }

    [Fact]
    public async Task A_failed_refresh_is_reported_to_every_waiter_and_the_next_call_tries_again()
    {
        int attempts = 0;
        var handler = new FakeHttpHandler(request =>
        {
            int n = Interlocked.Increment(ref attempts);
            return n == 2
                ? FakeHttpHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":{"code":503,"message":"down","title":"Service Unavailable"}}""")
                : FakeHttpHandler.Json(
                    HttpStatusCode.Created,
                    FakeKeystone.TokenBody(FakeKeystone.Now, FakeKeystone.Now.AddHours(1)),
                    ("X-Subject-Token", "token-" + n));
        });
        var clock = new ManualTimeProvider(FakeKeystone.Now);
        OpenStackClientOptions options = FakeKeystone.Options(handler);
        options.Retry.Enabled = false; // a 503 would otherwise be retried (Resilience/RetryTests)
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options, new KeystonePasswordAuth(options), clock, CancellationToken.None);
        connection.InvalidateToken(connection.Token);

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => connection.GetTokenAsync());
        Assert.Equal(503, ex.Status);

        Assert.Equal("token-3", (await connection.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task InvalidateToken_ignores_a_token_that_was_already_replaced()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();
        AuthToken first = connection.Token;
        connection.InvalidateToken(first);
        AuthToken second = await connection.GetTokenAsync();

        connection.InvalidateToken(first);

        Assert.Same(second, await connection.GetTokenAsync());
        Assert.Equal(2, keystone.Handler.CountTokenRequests());
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_cancel_the_shared_token_request()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();
        keystone.Clock.Advance(TimeSpan.FromHours(2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        keystone.TokenGate = gate.Task;
        using var cts = new CancellationTokenSource();

        Task<AuthToken> cancelled = connection.GetTokenAsync(cts.Token);
        Task<AuthToken> patient = connection.GetTokenAsync();
        cts.Cancel();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("token-2", (await patient).Value);
    }

    [Fact]
    public async Task Disposing_leaves_a_user_supplied_transport_alone()
    {
        var keystone = new FakeKeystone();
        OpenStackConnection connection = await keystone.ConnectAsync();
        HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        http.Dispose();
        connection.Dispose();

        Assert.Equal(0, keystone.Handler.DisposeCount);
        Assert.Throws<ObjectDisposedException>(() => { _ = connection.GetTokenAsync(); });
    }

    [Fact]
    public async Task Clients_share_one_pipeline_and_send_token_accept_and_user_agent()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.ApplicationName = "my-app/1.2");
        using HttpClient image = connection.CreateHttpClient(connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        using HttpClient compute = connection.CreateHttpClient(connection.GetEndpoint(new ServiceDescriptor("compute", [], "v2.1")));

        using HttpResponseMessage a = await image.GetAsync(new Uri("images", UriKind.Relative));
        using HttpResponseMessage b = await compute.GetAsync(new Uri("servers", UriKind.Relative));

        RecordedRequest[] calls = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ToArray();
        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/images"), calls[0].Uri);
        Assert.Equal(new Uri("http://127.0.0.1:8774/v2.1/servers"), calls[1].Uri);
        Assert.All(calls, c => Assert.Equal("token-1", c.Header("X-Auth-Token")));
        Assert.All(calls, c => Assert.Equal("application/json", c.Header("Accept")));
        Assert.All(calls, c => Assert.StartsWith("my-app/1.2 openstack-dotnet/", c.Header("User-Agent"), StringComparison.Ordinal));
        Assert.StartsWith("my-app/1.2 openstack-dotnet/", keystone.Handler.Requests[0].Header("User-Agent"), StringComparison.Ordinal);
        Assert.Null(keystone.Handler.Requests[0].Header("X-Auth-Token"));
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
