using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Http;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

/// <summary>MicroversionNegotiator and MicroversionHandler over an in-process transport.</summary>
public sealed class MicroversionNegotiationTests
{
    private static readonly Uri Endpoint = new("http://nova.test:8774/v2.1/");

    private static ServiceDescriptor Compute(string max = "2.93") => new("compute", Array.Empty<string>(), "v2.1")
    {
        Microversions = new ServiceMicroversions("OpenStack-API-Version", "compute", "X-OpenStack-Nova-API-Version", Microversion.Parse(max)),
    };

    // Nova's root document lists v2.0 (no microversions, empty strings) beside v2.1.
    private const string NovaRoot = """
        {"versions": [
          {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "", "links": [{"rel": "self", "href": "http://nova.test:8774/v2/"}]},
          {"id": "v2.1", "status": "CURRENT", "version": "2.95", "min_version": "2.1", "links": [{"rel": "self", "href": "http://nova.test:8774/v2.1/"}]}
        ]}
        """;

    private static (FakeHttpHandler Handler, HttpClient Http) Server(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        var handler = new FakeHttpHandler(respond);
        return (handler, new HttpClient(handler) { BaseAddress = Endpoint });
    }

    private static bool IsDiscovery(RecordedRequest r) => r.Uri.AbsolutePath == "/";

    [Fact]
    public async Task Negotiates_the_highest_version_both_sides_support_from_a_nova_document()
    {
        var (handler, http) = Server(_ => FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute("2.93"));

        Assert.Equal(new Microversion(2, 93), await negotiator.GetAsync());  // server 2.95, SDK 2.93
        Assert.False(negotiator.Pinned);
        Assert.Equal(new Uri("http://nova.test:8774/"), Assert.Single(handler.Requests).Uri);
    }

    [Fact]
    public async Task A_server_older_than_the_sdk_caps_the_version()
    {
        var (_, http) = Server(_ => FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot.Replace("2.95", "2.60")));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute("2.93"));
        Assert.Equal(new Microversion(2, 60), await negotiator.GetAsync());
        await Assert.ThrowsAsync<NotSupportedException>(() => negotiator.EnsureAsync("x", "2.61", null));
        await negotiator.EnsureAsync("x", "2.60", null);
    }

    [Fact]
    public async Task Disjoint_ranges_fail_clearly()
    {
        var (_, http) = Server(_ => FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot.Replace("\"2.1\"", "\"2.95\"")));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute("2.93"));
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => negotiator.GetAsync());
        Assert.Contains("2.95", e.Message);
        Assert.Contains("2.93", e.Message);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_discovery()
    {
        var release = new TaskCompletionSource();
        var handler = new FakeHttpHandler(async (_, _) =>
        {
            await release.Task;
            return FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot);
        });
        var negotiator = new MicroversionNegotiator(new HttpClient(handler), Endpoint, Compute());

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => negotiator.GetAsync())).ToArray();
        await Task.Delay(50);
        release.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.All(results, v => Assert.Equal(new Microversion(2, 93), v));
        Assert.Single(handler.Requests);
        await negotiator.GetAsync();
        Assert.Single(handler.Requests);  // remembered once it succeeded
    }

    [Fact]
    public async Task A_failed_discovery_is_not_remembered()
    {
        var attempts = 0;
        var (handler, http) = Server(_ => ++attempts == 1
            ? throw new HttpRequestException("connection refused")
            : FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute());

        await Assert.ThrowsAsync<HttpRequestException>(() => negotiator.GetAsync());
        Assert.Equal(new Microversion(2, 93), await negotiator.GetAsync());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_cancel_the_shared_discovery()
    {
        var release = new TaskCompletionSource();
        var handler = new FakeHttpHandler(async (_, _) =>
        {
            await release.Task;
            return FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot);
        });
        var negotiator = new MicroversionNegotiator(new HttpClient(handler), Endpoint, Compute());
        using var cts = new CancellationTokenSource();

        var cancelled = negotiator.GetAsync(cts.Token);
        var patient = negotiator.GetAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult();
        Assert.Equal(new Microversion(2, 93), await patient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_pinned_version_is_used_without_asking_the_service()
    {
        var (handler, http) = Server(_ => throw new InvalidOperationException("must not be called"));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute(), pinned: "2.50");

        Assert.True(negotiator.Pinned);
        Assert.Equal(new Microversion(2, 50), await negotiator.GetAsync());
        await Assert.ThrowsAsync<NotSupportedException>(() => negotiator.EnsureAsync("ServerCreateOptions.Tags", "2.52", null));
        await negotiator.EnsureAsync("ServerCreateOptions.Personality", null, "2.56");
        Assert.Empty(handler.Requests);
        Assert.Throws<ArgumentException>(() => new MicroversionNegotiator(http, Endpoint, Compute(), pinned: "latest"));
    }

    [Fact]
    public async Task Ensure_names_what_needs_the_version()
    {
        var negotiator = MicroversionNegotiator.Fixed(Compute(), new Microversion(2, 93));
        var tooNew = await Assert.ThrowsAsync<NotSupportedException>(() => negotiator.EnsureAsync("ServerCreateOptions.Personality", null, "2.56"));
        Assert.Contains("ServerCreateOptions.Personality", tooNew.Message);
        Assert.Contains("2.56", tooNew.Message);
        Assert.Contains("2.93", tooNew.Message);
        await negotiator.EnsureAsync("ServerCreateOptions.Tags", "2.52", null);
        // 2.10 is after 2.9: compared as numbers, not text
        var old = MicroversionNegotiator.Fixed(Compute(), new Microversion(2, 9));
        await Assert.ThrowsAsync<NotSupportedException>(() => old.EnsureAsync("x", "2.10", null));
    }

    [Fact]
    public async Task No_microversions_at_the_endpoint_means_no_header()
    {
        // Only the v2.0 entry (no microversions) is offered.
        var doc = """{"versions": [{"id": "v2.0", "status": "CURRENT", "version": "", "min_version": ""}]}""";
        var (handler, http) = Server(r => IsDiscovery(r) ? FakeHttpHandler.Json(HttpStatusCode.OK, doc) : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute());
        Assert.Null(await negotiator.GetAsync());

        using var client = new HttpClient(new MicroversionHandler(negotiator, handler)) { BaseAddress = Endpoint };
        (await client.GetAsync("servers")).Dispose();
        var call = handler.Requests.Last();
        Assert.False(call.Headers.ContainsKey("OpenStack-API-Version"));
        Assert.False(call.Headers.ContainsKey("X-OpenStack-Nova-API-Version"));
    }

    [Fact]
    public async Task The_handler_stamps_every_request_after_one_discovery()
    {
        var (handler, http) = Server(r => IsDiscovery(r) ? FakeHttpHandler.Json(HttpStatusCode.OK, NovaRoot) : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute());
        using var client = new HttpClient(new MicroversionHandler(negotiator, handler)) { BaseAddress = Endpoint };

        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => (await client.GetAsync("servers")).Dispose()));

        Assert.Single(handler.Requests, IsDiscovery);
        var calls = handler.Requests.Where(r => !IsDiscovery(r)).ToList();
        Assert.Equal(5, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal("compute 2.93", c.Headers["OpenStack-API-Version"]);
            Assert.Equal("2.93", c.Headers["X-OpenStack-Nova-API-Version"]);
        });
    }

    [Fact]
    public async Task The_handler_sends_a_pinned_version()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        var negotiator = new MicroversionNegotiator(new HttpClient(handler), Endpoint, Compute(), "2.50");
        using var client = new HttpClient(new MicroversionHandler(negotiator, handler)) { BaseAddress = Endpoint };

        (await client.GetAsync("servers")).Dispose();

        Assert.Equal("compute 2.50", Assert.Single(handler.Requests).Headers["OpenStack-API-Version"]);
    }

    [Fact]
    public async Task A_request_that_has_the_header_is_left_alone()
    {
        var (handler, http) = Server(_ => throw new InvalidOperationException("no discovery expected"));
        var negotiator = new MicroversionNegotiator(http, Endpoint, Compute());
        var inner = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = new HttpClient(new MicroversionHandler(negotiator, inner)) { BaseAddress = Endpoint };

        using var request = new HttpRequestMessage(HttpMethod.Get, "servers");
        request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute 2.1");
        (await client.SendAsync(request)).Dispose();

        var sent = Assert.Single(inner.Requests);
        Assert.Equal("compute 2.1", sent.Headers["OpenStack-API-Version"]);
        Assert.False(sent.Headers.ContainsKey("X-OpenStack-Nova-API-Version"));
        Assert.Empty(handler.Requests);  // and no discovery was needed for it
    }

    [Fact]
    public async Task A_request_with_only_the_legacy_header_is_left_alone_too()
    {
        var negotiator = MicroversionNegotiator.Fixed(Compute(), new Microversion(2, 93));
        var inner = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = new HttpClient(new MicroversionHandler(negotiator, inner)) { BaseAddress = Endpoint };

        using var request = new HttpRequestMessage(HttpMethod.Get, "servers");
        request.Headers.TryAddWithoutValidation("X-OpenStack-Nova-API-Version", "2.10");
        (await client.SendAsync(request)).Dispose();

        var sent = Assert.Single(inner.Requests);
        Assert.Equal("2.10", sent.Headers["X-OpenStack-Nova-API-Version"]);  // not "2.10, 2.93"
        Assert.False(sent.Headers.ContainsKey("OpenStack-API-Version"));
    }

    [Fact]
    public async Task A_single_version_document_at_the_endpoint_root_works()
    {
        // Cinder-style: id v3.0 for the service's v3, the max under "version".
        var descriptor = new ServiceDescriptor("block-storage", Array.Empty<string>(), "v3")
        {
            Microversions = new ServiceMicroversions("OpenStack-API-Version", "volume", null, new Microversion(3, 70)),
        };
        var doc = """{"versions": [{"id": "v3.0", "status": "CURRENT", "version": "3.70", "min_version": "3.0"}]}""";
        var (_, http) = Server(_ => FakeHttpHandler.Json(HttpStatusCode.OK, doc));
        var negotiator = new MicroversionNegotiator(http, new Uri("http://cinder.test/v3/abc/"), descriptor);
        Assert.Equal(new Microversion(3, 70), await negotiator.GetAsync());
    }
}
