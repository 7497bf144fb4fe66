using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace OpenStack.Tests.Integration;

/// <summary>
/// One authenticated client to the local cloud (scripts/devcloud.sh), shared by the integration tests.
/// Credentials come from OS_* variables, else the devcloud admin defaults. Without a cloud the tests
/// are skipped locally, but under CI they fail: a missing cloud must never pass silently.
/// </summary>
public sealed class CloudFixture : IAsyncLifetime
{
    private OpenStackClient? _client;
    private string _unavailable = "";

    public static bool InCi
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return !string.IsNullOrEmpty(ci) && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);
        }
    }

    public static OpenStackClientOptions Options()
    {
        var options = OpenStackClientOptions.FromEnvironment();
        if (options.AuthUrl is null)
        {
            options = new OpenStackClientOptions
            {
                AuthUrl = new Uri("http://127.0.0.1:5000/v3"),
                Username = "admin",
                Password = "admin",
                UserDomainName = "Default",
                ProjectName = "admin",
                ProjectDomainName = "Default",
                RegionName = "RegionOne",
            };
        }
        options.ApplicationName = "openstack-dotnet-tests";
        return options;
    }

    /// <summary>
    /// Options for another client of the same cloud (pinned to a microversion, another project, …). Like
    /// <see cref="Client"/> it skips the calling test when there is no cloud, except under CI where it fails.
    /// </summary>
    public OpenStackClientOptions OptionsForAnotherClient()
    {
        _ = Client;
        return Options();
    }

    public async Task InitializeAsync()
    {
        var options = Options();
        try
        {
            _client = await OpenStackClient.ConnectAsync(options);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _unavailable = $"No cloud answers at {options.AuthUrl} ({e.Message}). Start one with: scripts/devcloud.sh install && DEVCLOUD_SERVICES=\"keystone glance\" scripts/devcloud.sh up";
        }
    }

    /// <summary>The client; skips the calling test when there is no cloud, except under CI where it fails.</summary>
    public OpenStackClient Client
    {
        get
        {
            if (_client is not null) return _client;
            if (InCi) throw new InvalidOperationException("CI=true and the integration cloud is missing: " + _unavailable);
            Skip.If(true, _unavailable);
            throw new InvalidOperationException("unreachable");
        }
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A name no other test run uses, so tests never collide with each other or leftovers.</summary>
    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12);
}

[CollectionDefinition(Name)]
public sealed class CloudCollection : ICollectionFixture<CloudFixture>
{
    public const string Name = "cloud";
}
