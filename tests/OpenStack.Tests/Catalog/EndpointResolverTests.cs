using System;
using OpenStack.Catalog;
using Xunit;

namespace OpenStack.Tests.Catalog;

public sealed class EndpointResolverTests
{
    private static readonly ServiceCatalog Catalog = new(new[]
    {
        new CatalogService("volumev3", "cinderv3", "s1", new[]
        {
            new CatalogEndpoint("public", "RegionOne", "RegionOne", new Uri("http://127.0.0.1:8776/v3/p-1"), "e1"),
        }),
        new CatalogService("image", "glance", "s2", new[]
        {
            new CatalogEndpoint("public", "RegionOne", "RegionOne", new Uri("http://127.0.0.1:9292"), "e2"),
            new CatalogEndpoint("internal", "RegionOne", "RegionOne", new Uri("http://10.0.0.5:9292"), "e3"),
        }),
    });

    private static OpenStackClientOptions Options() => new() { RegionName = "RegionOne" };

    [Fact]
    public void The_official_type_finds_a_service_registered_under_an_old_alias()
    {
        var uri = EndpointResolver.Resolve(Catalog, new ServiceDescriptor("block-storage", Array.Empty<string>(), "v3"), Options());
        Assert.Equal("http://127.0.0.1:8776/v3/p-1/", uri.AbsoluteUri);
    }

    [Fact]
    public void An_alias_finds_the_service_too()
    {
        var uri = EndpointResolver.Resolve(Catalog, new ServiceDescriptor("volume", Array.Empty<string>(), "v3"), Options());
        Assert.Equal("http://127.0.0.1:8776/v3/p-1/", uri.AbsoluteUri);
    }

    [Fact]
    public void The_interface_picks_the_endpoint_and_the_version_segment_is_added()
    {
        var options = Options();
        options.Interface = "internal";
        var uri = EndpointResolver.Resolve(Catalog, new ServiceDescriptor("image", Array.Empty<string>(), "v2"), options);
        Assert.Equal("http://10.0.0.5:9292/v2/", uri.AbsoluteUri);
    }

    [Fact]
    public void A_service_without_a_version_in_its_paths_keeps_the_catalog_url_as_is()
    {
        // Placement's paths are /resource_providers…: adding "v1" would send every request to a 404.
        var options = Options();
        var placement = new ServiceDescriptor("image", Array.Empty<string>(), "v1") { VersionInPath = false };
        Assert.Equal("http://127.0.0.1:9292/", EndpointResolver.Resolve(Catalog, placement, options).AbsoluteUri);
        options.EndpointOverrides["image"] = new Uri("https://placement.example/placement");
        Assert.Equal("https://placement.example/placement/", EndpointResolver.Resolve(Catalog, placement, options).AbsoluteUri);
    }

    [Fact]
    public void An_endpoint_override_wins_over_the_catalog_under_any_of_the_service_names()
    {
        var options = Options();
        options.EndpointOverrides["volumev3"] = new Uri("https://volumes.example/v3/p-1");
        options.EndpointOverrides["image"] = new Uri("https://images.example");
        Assert.Equal("https://volumes.example/v3/p-1/",
            EndpointResolver.Resolve(Catalog, new ServiceDescriptor("block-storage", Array.Empty<string>(), "v3"), options).AbsoluteUri);
        Assert.Equal("https://images.example/v2/",
            EndpointResolver.Resolve(Catalog, new ServiceDescriptor("image", Array.Empty<string>(), "v2"), options).AbsoluteUri);
    }

    [Fact]
    public void An_override_works_even_with_an_empty_catalog()
    {
        var options = Options();
        options.EndpointOverrides["image"] = new Uri("http://standalone:9292/v2");
        var uri = EndpointResolver.Resolve(ServiceCatalog.Empty, new ServiceDescriptor("image", Array.Empty<string>(), "v2"), options);
        Assert.Equal("http://standalone:9292/v2/", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("v2")]
    [InlineData("2.1")]
    public void A_pinned_api_version_of_the_same_major_is_accepted(string pinned)
    {
        var options = Options();
        options.ApiVersions["image"] = pinned;
        var uri = EndpointResolver.Resolve(Catalog, new ServiceDescriptor("image", Array.Empty<string>(), "v2"), options);
        Assert.Equal("http://127.0.0.1:9292/v2/", uri.AbsoluteUri);
    }

    [Fact]
    public void A_pinned_api_version_this_client_does_not_speak_is_refused_by_name()
    {
        var options = Options();
        options.ApiVersions["image"] = "1";
        var error = Assert.Throws<OpenStackConfigurationException>(
            () => EndpointResolver.Resolve(Catalog, new ServiceDescriptor("image", Array.Empty<string>(), "v2"), options));
        Assert.Contains("image_api_version", error.Message);
        Assert.Contains("'1'", error.Message);
    }

    [Fact]
    public void No_match_lists_what_the_catalog_offers_and_how_to_override()
    {
        var error = Assert.Throws<OpenStackConfigurationException>(
            () => EndpointResolver.Resolve(Catalog, new ServiceDescriptor("compute", Array.Empty<string>(), "v2.1"), Options()));
        Assert.Contains("'compute'", error.Message);
        Assert.Contains("volumev3 (cinderv3): public@RegionOne", error.Message);
        Assert.Contains("image (glance): public@RegionOne, internal@RegionOne", error.Message);
        Assert.Contains("compute_endpoint_override", error.Message);
    }

    [Fact]
    public void Service_types_map_both_ways_and_to_config_keys()
    {
        Assert.Equal("block-storage", ServiceTypes.Official("volumev3"));
        Assert.Equal("block-storage", ServiceTypes.Official("block-storage"));
        Assert.Equal("some-vendor-thing", ServiceTypes.Official("some-vendor-thing"));
        Assert.Equal(new[] { "volumev3", "custom", "block-storage", "volumev2", "volume", "block-store" },
            ServiceTypes.CandidateNames("volumev3", new[] { "custom" }));
        Assert.Equal("block_storage", ServiceTypes.ConfigKey("volumev3"));
        Assert.Equal("shared_file_system", ServiceTypes.ConfigKey("sharev2"));
    }
}
