using System;
using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public class ServiceCatalogTests
{
    private static readonly ServiceCatalog Catalog = new(
    [
        new CatalogService("volumev2", "cinderv2", "s0",
        [
            new CatalogEndpoint("public", "RegionOne", "RegionOne", new Uri("http://old:8776/v2/p"), "v2"),
        ]),
        new CatalogService("volumev3", "cinderv3", "s1",
        [
            new CatalogEndpoint("public", "RegionOne", "RegionOne", new Uri("http://cinder:8776/v3/p"), "v3"),
        ]),
        new CatalogService("image", "glance", "s2",
        [
            new CatalogEndpoint("internal", "RegionOne", "RegionOne", new Uri("http://10.0.0.1:9292"), "i1"),
            new CatalogEndpoint("public", "RegionOne", "RegionOne", new Uri("http://glance-one:9292"), "p1"),
            new CatalogEndpoint("public", "Region Two", "r2", new Uri("http://glance-two:9292"), "p2"),
        ]),
    ]);

    private static readonly string[] BlockStorageAliases = ["volumev3", "volumev2", "volume", "block-store"];

    [Fact]
    public void Finds_by_type_and_interface()
    {
        Assert.Equal("p1", Catalog.FindEndpoint("image", [], "RegionOne", "public")?.Id);
        Assert.Equal("i1", Catalog.FindEndpoint("image", [], "RegionOne", "internal")?.Id);
    }

    [Fact]
    public void Accepts_the_legacy_interface_names()
    {
        Assert.Equal("i1", Catalog.FindEndpoint("image", [], "RegionOne", "internalURL")?.Id);
        Assert.Equal("p1", Catalog.FindEndpoint("image", [], "RegionOne", "publicURL")?.Id);
    }

    [Fact]
    public void Tries_aliases_in_order_when_the_type_is_absent()
    {
        CatalogEndpoint? endpoint = Catalog.FindEndpoint("block-storage", BlockStorageAliases, null, "public");

        Assert.Equal("v3", endpoint?.Id);
    }

    [Fact]
    public void Prefers_the_official_type_over_aliases()
    {
        var catalog = new ServiceCatalog(
        [
            new CatalogService("volumev3", null, null, [new CatalogEndpoint("public", "R", "R", new Uri("http://alias"), "alias")]),
            new CatalogService("block-storage", null, null, [new CatalogEndpoint("public", "R", "R", new Uri("http://official"), "official")]),
        ]);

        Assert.Equal("official", catalog.FindEndpoint("block-storage", BlockStorageAliases, "R", "public")?.Id);
    }

    [Fact]
    public void Matches_region_by_name_or_id_and_null_region_matches_any()
    {
        Assert.Equal("p2", Catalog.FindEndpoint("image", [], "Region Two", "public")?.Id);
        Assert.Equal("p2", Catalog.FindEndpoint("image", [], "r2", "public")?.Id);
        Assert.Equal("p1", Catalog.FindEndpoint("image", [], null, "public")?.Id);
    }

    [Fact]
    public void Returns_null_when_nothing_matches()
    {
        Assert.Null(Catalog.FindEndpoint("image", [], "RegionThree", "public"));
        Assert.Null(Catalog.FindEndpoint("image", [], "r2", "admin"));
        Assert.Null(Catalog.FindEndpoint("compute", [], null, "public"));
    }

    [Fact]
    public async Task GetEndpoint_adds_the_version_to_the_selected_endpoint()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync();

        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/"), connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        Assert.Equal(new Uri("http://127.0.0.1:8774/v2.1/"), connection.GetEndpoint(new ServiceDescriptor("compute", [], "v2.1")));
        Assert.Equal(
            new Uri("http://127.0.0.1:8776/v3/p-456/"),
            connection.GetEndpoint(new ServiceDescriptor("block-storage", BlockStorageAliases, "v3")));
    }

    [Fact]
    public async Task GetEndpoint_honours_region_and_interface()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync(o =>
        {
            o.RegionName = "RegionTwo";
        });

        Assert.Equal(new Uri("http://two.example:9292/v2/"), connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
        connection.Options.RegionName = "RegionOne";
        connection.Options.Interface = "internal";
        Assert.Equal(new Uri("http://10.0.0.1:9292/v2/"), connection.GetEndpoint(new ServiceDescriptor("image", [], "v2")));
    }

    [Fact]
    public async Task GetEndpoint_failure_lists_what_the_catalog_offers()
    {
        var keystone = new FakeKeystone();
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.Interface = "admin");

        var ex = Assert.Throws<OpenStackConfigurationException>(
            () => connection.GetEndpoint(new ServiceDescriptor("image", ["image-alias"], "v2")));

        Assert.Contains("'admin'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'image'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image-alias", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image (glance): public@RegionOne, internal@RegionOne, public@RegionTwo", ex.Message, StringComparison.Ordinal);
        Assert.Contains("compute (nova): public@RegionOne", ex.Message, StringComparison.Ordinal);
        Assert.Contains("volumev3", ex.Message, StringComparison.Ordinal);
    }
}
