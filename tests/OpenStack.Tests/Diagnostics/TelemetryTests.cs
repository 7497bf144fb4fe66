using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OpenStack.Diagnostics;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Diagnostics;

/// <summary>
/// The ActivitySource and Meter, observed the way OpenTelemetry observes them: by name, through
/// ActivityListener and MeterListener. Listeners are process-wide, so each test sends its requests to a
/// host of its own and looks only at those.
/// </summary>
public sealed class TelemetryTests
{
    private static string UniqueHost() => "glance-" + Guid.NewGuid().ToString("N")[..12] + ".test";

    /// <summary>Records every stopped client activity whose server address is <paramref name="host"/>.</summary>
    private static ActivityListener ListenToHost(string host, ConcurrentQueue<Activity> activities)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenStackDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(OpenStackDiagnostics.ServerAddressTag) as string == host) activities.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static Task<OpenStackConnection> ConnectAsync(FakeKeystone keystone, string host) =>
        keystone.ConnectAsync(o => o.EndpointOverrides["image"] = new Uri($"http://{host}:9292/"));

    [Fact]
    public async Task Every_request_is_a_client_activity_named_by_operation_with_service_status_and_request_id()
    {
        string host = UniqueHost();
        var activities = new ConcurrentQueue<Activity>();
        using ActivityListener listener = ListenToHost(host, activities);
        var keystone = new FakeKeystone((request, _) => Task.FromResult(request.Uri.AbsolutePath.EndsWith("/missing", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.NotFound, """{"message": "no such image"}""", ("X-Openstack-Request-Id", "req-404"))
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"id": "i-1", "name": "debian"}""", ("X-Openstack-Request-Id", "req-200"))));
        using OpenStackConnection connection = await ConnectAsync(keystone, host);
        using var cloud = new OpenStackClient(connection);

        await cloud.Image.Images.GetAsync("i-1");
        await Assert.ThrowsAsync<OpenStackException>(() => cloud.Image.Images.GetAsync("missing"));

        Assert.Equal(2, activities.Count);
        Activity ok = activities.First();
        Assert.Equal(ActivityKind.Client, ok.Kind);
        Assert.Equal("OpenStack.Client", ok.Source.Name);
        Assert.Matches(@"^GET /images/\{[a-z_]+\}$", ok.DisplayName);
        Assert.Equal(ok.DisplayName, ok.GetTagItem(OpenStackDiagnostics.OperationTag));
        Assert.Equal("image", ok.GetTagItem(OpenStackDiagnostics.ServiceTypeTag));
        Assert.Equal("GET", ok.GetTagItem(OpenStackDiagnostics.MethodTag));
        Assert.Equal(200, ok.GetTagItem(OpenStackDiagnostics.StatusCodeTag));
        Assert.Equal("req-200", ok.GetTagItem(OpenStackDiagnostics.RequestIdTag));
        Assert.Equal($"http://{host}:9292/v2/images/i-1", ok.GetTagItem(OpenStackDiagnostics.UrlTag));
        Assert.Null(ok.GetTagItem(OpenStackDiagnostics.ErrorTypeTag));
        Assert.Equal(ActivityStatusCode.Unset, ok.Status);

        Activity failed = activities.Last();
        Assert.Equal(404, failed.GetTagItem(OpenStackDiagnostics.StatusCodeTag));
        Assert.Equal("404", failed.GetTagItem(OpenStackDiagnostics.ErrorTypeTag));
        Assert.Equal("req-404", failed.GetTagItem(OpenStackDiagnostics.RequestIdTag));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }

    [Fact]
    public async Task Every_page_of_a_listing_is_named_by_the_list_route_the_next_link_pages_too()
    {
        string host = UniqueHost();
        var activities = new ConcurrentQueue<Activity>();
        using ActivityListener listener = ListenToHost(host, activities);
        var keystone = new FakeKeystone((request, _) => Task.FromResult(request.Uri.Query.Contains("marker=", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"images": [{"id": "i-2"}]}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"images": [{"id": "i-1"}], "next": "/v2/images?limit=1&marker=i-1"}""")));
        using OpenStackConnection connection = await ConnectAsync(keystone, host);
        using var cloud = new OpenStackClient(connection);

        var ids = new List<string?>();
        await foreach (var image in cloud.Image.Images.ListAsync(new OpenStack.Image.V2.ImageListOptions { Limit = 1 })) ids.Add(image.Id);

        Assert.Equal(new[] { "i-1", "i-2" }, ids);
        Assert.Equal(2, activities.Count);
        Assert.All(activities, a => Assert.Equal("GET /images", a.DisplayName));
        Assert.Equal(new[] { $"http://{host}:9292/v2/images?limit=1", $"http://{host}:9292/v2/images?limit=1&marker=i-1" },
            activities.Select(a => a.GetTagItem(OpenStackDiagnostics.UrlTag) as string));
    }

    [Fact]
    public async Task A_retried_request_is_one_activity_per_attempt_with_its_resend_count()
    {
        string host = UniqueHost();
        var activities = new ConcurrentQueue<Activity>();
        using ActivityListener listener = ListenToHost(host, activities);
        int calls = 0;
        var keystone = new FakeKeystone((_, _) => Task.FromResult(++calls == 1
            ? FakeHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"id": "i-1"}""")));
        using OpenStackConnection connection = await ConnectAsync(keystone, host);
        using var cloud = new OpenStackClient(connection);

        await cloud.Image.Images.GetAsync("i-1");

        Assert.Equal([503, 200], activities.Select(a => (int)a.GetTagItem(OpenStackDiagnostics.StatusCodeTag)!));
        Assert.Null(activities.First().GetTagItem(OpenStackDiagnostics.ResendCountTag));
        Assert.Equal(1, activities.Last().GetTagItem(OpenStackDiagnostics.ResendCountTag));
    }

    [Fact]
    public async Task The_meter_records_duration_and_count_per_request_with_service_operation_and_status()
    {
        string host = UniqueHost();
        var durations = new ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)>();
        var counts = new ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OpenStackDiagnostics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = ToMap(tags);
            if (instrument.Name == OpenStackDiagnostics.RequestDurationMetric && map.GetValueOrDefault(OpenStackDiagnostics.ServerAddressTag) as string == host)
                durations.Enqueue((value, map));
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = ToMap(tags);
            if (instrument.Name == OpenStackDiagnostics.RequestCountMetric && map.GetValueOrDefault(OpenStackDiagnostics.ServerAddressTag) as string == host)
                counts.Enqueue((value, map));
        });
        listener.Start();
        var keystone = new FakeKeystone(async (request, ct) =>
        {
            await Task.Delay(20, ct);
            return request.Uri.AbsolutePath.EndsWith("/missing", StringComparison.Ordinal)
                ? FakeHttpHandler.Json(HttpStatusCode.NotFound, "{}")
                : FakeHttpHandler.Json(HttpStatusCode.OK, """{"id": "i-1"}""");
        });
        using OpenStackConnection connection = await ConnectAsync(keystone, host);
        using var cloud = new OpenStackClient(connection);

        await cloud.Image.Images.GetAsync("i-1");
        await Assert.ThrowsAsync<OpenStackException>(() => cloud.Image.Images.GetAsync("missing"));

        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 0.015, 10)); // seconds, not milliseconds
        Assert.Equal(2, counts.Sum(c => c.Value));
        var (_, okTags) = durations.First();
        Assert.Equal("image", okTags[OpenStackDiagnostics.ServiceTypeTag]);
        Assert.Matches(@"^GET /images/\{[a-z_]+\}$", (string)okTags[OpenStackDiagnostics.OperationTag]!);
        Assert.Equal("GET", okTags[OpenStackDiagnostics.MethodTag]);
        Assert.Equal(200, okTags[OpenStackDiagnostics.StatusCodeTag]);
        Assert.False(okTags.ContainsKey(OpenStackDiagnostics.ErrorTypeTag));
        Assert.False(okTags.ContainsKey(OpenStackDiagnostics.RequestIdTag)); // per-request values stay off metrics
        var (_, failedTags) = durations.Last();
        Assert.Equal(404, failedTags[OpenStackDiagnostics.StatusCodeTag]);
        Assert.Equal("404", failedTags[OpenStackDiagnostics.ErrorTypeTag]);
    }

    [Fact]
    public void The_names_are_the_documented_ones()
    {
        Assert.Equal("OpenStack.Client", OpenStackDiagnostics.ActivitySourceName);
        Assert.Equal("OpenStack.Client", OpenStackDiagnostics.MeterName);
        Assert.Equal("openstack.client.request.duration", OpenStackDiagnostics.RequestDurationMetric);
        Assert.Equal("openstack.client.requests", OpenStackDiagnostics.RequestCountMetric);
        Assert.Equal("s", OpenStackDiagnostics.RequestDuration.Unit);
    }

    private static Dictionary<string, object?> ToMap(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) map[tag.Key] = tag.Value;
        return map;
    }
}
