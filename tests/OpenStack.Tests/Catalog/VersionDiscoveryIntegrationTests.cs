using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Catalog;

/// <summary>Version discovery against the real Keystone (300 Multiple Choices) and Glance roots.</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VersionDiscoveryIntegrationTests
{
    private readonly CloudFixture _cloud;

    public VersionDiscoveryIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    [SkippableFact]
    public async Task Keystone_offers_v3_at_its_root()
    {
        var identity = _cloud.Client.Identity.Http;
        var versions = await VersionDiscovery.DiscoverAsync(identity, identity.BaseAddress!);
        var v3 = VersionDiscovery.Find(versions, 3);
        Assert.NotNull(v3);
        Assert.StartsWith("v3.", v3!.Id);
        Assert.EndsWith("/v3/", v3.Link!.AbsoluteUri);
    }

    [SkippableFact]
    public async Task Glance_offers_a_current_v2()
    {
        var image = _cloud.Client.Image.Http;
        var versions = await VersionDiscovery.DiscoverAsync(image, image.BaseAddress!);
        var v2 = VersionDiscovery.Find(versions, 2);
        Assert.NotNull(v2);
        Assert.True(Microversion.Parse(v2!.Id).Minor >= 16, v2.Id); // Zed's Glance reports v2.16
    }
}
