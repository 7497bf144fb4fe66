using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenStack.DependencyInjection;
using OpenStack.Diagnostics;
using OpenStack.Image.V2;
using OpenStack.Tests.Diagnostics;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.DependencyInjection;

using Image = OpenStack.Image.V2.Image;

/// <summary>services.AddOpenStack against the real local cloud: the default IHttpClientFactory transport, logging and tracing.</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DependencyInjectionIntegrationTests
{
    private readonly CloudFixture _cloud;

    public DependencyInjectionIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    [SkippableFact]
    public async Task A_cloud_registered_with_AddOpenStack_lists_images_through_IHttpClientFactory_and_reports_each_request()
    {
        _ = _cloud.Client; // skips (or, under CI, fails) when there is no cloud
        var logs = new ListLoggerFactory { MinimumLevel = LogLevel.Debug };
        var activities = new ConcurrentQueue<Activity>();
        string application = CloudFixture.UniqueName("di");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenStackDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddOpenStack("local", _ =>
        {
            OpenStackClientOptions options = CloudFixture.Options();
            options.ApplicationName = application;
            return options;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IOpenStackClientFactory>();

        OpenStackClient cloud = await factory.GetClientAsync("local");
        Image[] images = await cloud.Image.Images.ListAsync(new ImageListOptions { Limit = 5 }).Take(5).ToArrayAsync();
        string[] projects = await cloud.Identity.Projects.ListAsync().Select(p => p.Name!).ToArrayAsync();

        Assert.Same(cloud, provider.GetRequiredKeyedService<OpenStackClient>("local"));
        Assert.Contains("admin", projects);
        Assert.True(images.Length <= 5);
        // The connection's transport is IHttpClientFactory's handler chain for the named HttpClient "OpenStack:local".
        Assert.Equal("HttpClientFactoryTransport", cloud.Connection.Options.Transport?.GetType().Name);
        Assert.Equal("OpenStack:local", OpenStackServiceCollectionExtensions.HttpClientName("local"));

        // The last attempt of the list (the cloud may have answered 503 first, and the SDK retried).
        LogEntry list = logs.Entries.Last(e => e.Message.StartsWith("GET ", StringComparison.Ordinal) && e.Message.Contains("/v2/images", StringComparison.Ordinal));
        Assert.Matches(@"answered 200 OK in \d+\.\d ms \(service image, request id req-[0-9a-f\-]{36}\)$", list.Message);
        Assert.DoesNotContain(cloud.Connection.Token.Value, logs.AllText, StringComparison.Ordinal);

        Activity glance = activities.First(a => a.GetTagItem(OpenStackDiagnostics.ServiceTypeTag) as string == "image"
            && a.GetTagItem(OpenStackDiagnostics.UrlTag) is string url && url.Contains("/v2/images?limit=5", StringComparison.Ordinal)
            && a.GetTagItem(OpenStackDiagnostics.StatusCodeTag) is 200);
        Assert.Equal("GET /images", glance.DisplayName);
        Assert.Equal(200, glance.GetTagItem(OpenStackDiagnostics.StatusCodeTag));
        Assert.StartsWith("req-", (string?)glance.GetTagItem(OpenStackDiagnostics.RequestIdTag), StringComparison.Ordinal);
        Assert.Contains(activities, a => a.GetTagItem(OpenStackDiagnostics.ServiceTypeTag) as string == "identity" && a.GetTagItem(OpenStackDiagnostics.StatusCodeTag) is 201);
    }
}
