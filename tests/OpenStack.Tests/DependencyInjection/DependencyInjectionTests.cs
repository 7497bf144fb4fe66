using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenStack.DependencyInjection;
using OpenStack.Tests.Core.Fakes;
using OpenStack.Tests.Diagnostics;
using Xunit;

namespace OpenStack.Tests.DependencyInjection;

/// <summary>
/// services.AddOpenStack with in-process Keystones as each cloud's IHttpClientFactory primary handler, the
/// way an application would swap the transport in its own tests.
/// </summary>
public sealed class DependencyInjectionTests
{
    private static FakeKeystone Cloud(string imageName) => Live(new FakeKeystone((request, _) => Task.FromResult(FakeHttpHandler.Json(
        HttpStatusCode.OK, $$"""{"images": [{"id": "i-1", "name": "{{imageName}}"}]}"""))));

    // Connections made by dependency injection run on the real clock: tokens are issued for now, not for FakeKeystone.Now.
    private static FakeKeystone Live(FakeKeystone keystone)
    {
        keystone.Clock.Advance(DateTimeOffset.UtcNow - FakeKeystone.Now);
        return keystone;
    }

    private static async Task<string[]> ImageNamesAsync(OpenStackClient client) =>
        (await client.Image.Images.ListAsync().ToArrayAsync()).Select(i => i.Name!).ToArray();

    [Fact]
    public async Task The_unnamed_cloud_resolves_as_OpenStackClient_and_sends_through_the_HttpClientFactory_primary_handler()
    {
        FakeKeystone keystone = Cloud("from-di");
        var services = new ServiceCollection();
        services.AddOpenStack(_ => Options())
            .ConfigurePrimaryHttpMessageHandler(() => keystone.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        OpenStackClient cloud = provider.GetRequiredService<OpenStackClient>();

        Assert.Same(cloud, provider.GetRequiredService<OpenStackClient>());
        Assert.Equal(["from-di"], await ImageNamesAsync(cloud));
        Assert.Equal(1, keystone.Handler.CountTokenRequests());
        Assert.Equal([""], provider.GetRequiredService<IOpenStackClientFactory>().Names);
    }

    [Fact]
    public async Task Named_clouds_live_side_by_side_as_keyed_services_and_through_the_factory()
    {
        FakeKeystone prod = Cloud("prod-image");
        FakeKeystone lab = Cloud("lab-image");
        var services = new ServiceCollection();
        services.AddOpenStack("prod", _ => Options()).ConfigurePrimaryHttpMessageHandler(() => prod.Handler);
        services.AddOpenStack("lab", _ => Options()).ConfigurePrimaryHttpMessageHandler(() => lab.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IOpenStackClientFactory>();

        OpenStackClient prodClient = provider.GetRequiredKeyedService<OpenStackClient>("prod");
        OpenStackClient labClient = await factory.GetClientAsync("lab");

        Assert.NotSame(prodClient, labClient);
        Assert.Same(prodClient, await factory.GetClientAsync("prod"));
        Assert.Same(labClient, provider.GetRequiredKeyedService<OpenStackClient>("lab"));
        Assert.Equal(["prod-image"], await ImageNamesAsync(prodClient));
        Assert.Equal(["lab-image"], await ImageNamesAsync(labClient));
        Assert.Equal(["lab", "prod"], factory.Names.Order(StringComparer.Ordinal));
        Assert.Null(provider.GetService<OpenStackClient>()); // no unnamed cloud was registered
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.GetClientAsync("staging"));
        Assert.Contains("'staging'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("lab", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cloud_name_can_be_registered_only_once()
    {
        var services = new ServiceCollection();
        services.AddOpenStack("prod", _ => new OpenStackClientOptions());

        Assert.Throws<InvalidOperationException>(() => services.AddOpenStack("prod", _ => new OpenStackClientOptions()));
    }

    [Fact]
    public async Task Handlers_added_to_the_HttpClient_builder_see_every_request_below_authentication()
    {
        FakeKeystone keystone = Cloud("x");
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddOpenStack("c", _ => Options())
            .ConfigurePrimaryHttpMessageHandler(() => keystone.Handler)
            .AddHttpMessageHandler(() => new Spy(request =>
            {
                lock (seen) seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath} token={request.Headers.Contains("X-Auth-Token")}");
            }));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await ImageNamesAsync(await provider.GetRequiredService<IOpenStackClientFactory>().GetClientAsync("c"));

        Assert.Equal(["POST /v3/auth/tokens token=False", "GET /v2/images token=True"], seen);
    }

    [Fact]
    public async Task The_container_logger_factory_is_used_unless_the_options_set_one()
    {
        FakeKeystone keystone = Cloud("x");
        var logs = new ListLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddOpenStack(_ => Options()).ConfigurePrimaryHttpMessageHandler(() => keystone.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await ImageNamesAsync(provider.GetRequiredService<OpenStackClient>());

        Assert.Contains(logs.Entries, e => e.Category == "OpenStack.Http" && e.Message.StartsWith("GET http://127.0.0.1:9292/v2/images answered 200", StringComparison.Ordinal));
        // IHttpClientFactory's own request logging is removed: the SDK's lines are the only ones.
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_apply_with_dependency_injection_too()
    {
        int calls = 0;
        var keystone = Live(new FakeKeystone((_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? FakeHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"images": []}"""))));
        var services = new ServiceCollection();
        services.AddOpenStack(_ => Options()).ConfigurePrimaryHttpMessageHandler(() => keystone.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Empty(await ImageNamesAsync(provider.GetRequiredService<OpenStackClient>()));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failed_first_connection_is_not_cached()
    {
        int tokenRequests = 0;
        var keystone = Live(new FakeKeystone());
        var handler = new FakeHttpHandler(async (request, ct) =>
        {
            if (request.IsTokenRequest && Interlocked.Increment(ref tokenRequests) == 1)
                return FakeHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error": {"code": 401, "message": "The request you have made requires authentication."}}""");
            using var forward = new HttpRequestMessage(request.Method, request.Uri) { Content = request.Body is null ? null : new StringContent(request.Body, Encoding.UTF8, "application/json") };
            using var invoker = new HttpMessageInvoker(keystone.Handler, disposeHandler: false);
            return await invoker.SendAsync(forward, ct);
        });
        var services = new ServiceCollection();
        services.AddOpenStack(_ => Options()).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IOpenStackClientFactory>();

        var refused = await Assert.ThrowsAsync<OpenStackException>(() => factory.GetClientAsync());
        OpenStackClient client = await factory.GetClientAsync();

        Assert.Equal(401, refused.Status);
        Assert.Equal("token-1", client.Connection.Token.Value);
    }

    [Fact]
    public async Task Disposing_the_provider_disposes_the_clients()
    {
        FakeKeystone keystone = Cloud("x");
        var services = new ServiceCollection();
        services.AddOpenStack(_ => Options()).ConfigurePrimaryHttpMessageHandler(() => keystone.Handler);
        ServiceProvider provider = services.BuildServiceProvider();
        OpenStackClient client = await provider.GetRequiredService<IOpenStackClientFactory>().GetClientAsync();

        await provider.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => client.Connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/")));
    }

    [Fact]
    public async Task An_appsettings_json_section_configures_a_cloud()
    {
        FakeKeystone keystone = Cloud("from-appsettings");
        const string appsettings = """
            {
              "OpenStack": {
                "Auth": {
                  "AuthUrl": "http://127.0.0.1:5000/v3",
                  "Username": "demo",
                  "UserDomainName": "Default",
                  "ProjectName": "demo",
                  "ProjectDomainName": "Default"
                },
                "RegionName": "RegionOne",
                "ApplicationName": "appsettings-test",
                "Retry": { "MaxRetries": 1, "BaseDelay": 0.001 }
              }
            }
            """;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettings)))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenStack:Auth:Password"] = "from-user-secrets" })
            .Build();
        var services = new ServiceCollection();
        services.AddOpenStack(configuration.GetSection("OpenStack")).ConfigurePrimaryHttpMessageHandler(() => keystone.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        OpenStackClient cloud = provider.GetRequiredService<OpenStackClient>();

        Assert.Equal(["from-appsettings"], await ImageNamesAsync(cloud));
        Assert.Equal(1, cloud.Connection.Options.Retry.MaxRetries);
        RecordedRequest auth = keystone.Handler.Requests.First(r => r.IsTokenRequest);
        Assert.Contains("from-user-secrets", auth.Body, StringComparison.Ordinal);
        Assert.StartsWith("appsettings-test openstack-dotnet/", auth.Header("User-Agent"), StringComparison.Ordinal);
    }

    // FakeKeystone's options with the transport left to IHttpClientFactory.
    private static OpenStackClientOptions Options()
    {
        OpenStackClientOptions options = FakeKeystone.Options(null!);
        options.Transport = null;
        return options;
    }

    private sealed class Spy(Action<HttpRequestMessage> see) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            see(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
