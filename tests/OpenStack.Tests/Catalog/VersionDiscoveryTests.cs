using System;
using System.IO;
using System.Linq;
using OpenStack.Catalog;
using Xunit;

namespace OpenStack.Tests.Catalog;

/// <summary>Version documents in the shapes the Zed services send (shortened).</summary>
public sealed class VersionDiscoveryTests
{
    [Fact]
    public void Keystone_root_lists_versions_under_values()
    {
        var versions = VersionDiscovery.Parse("""
            {"versions": {"values": [{"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
              "links": [{"rel": "self", "href": "http://127.0.0.1:5000/v3/"}],
              "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]}]}}
            """);
        var v3 = Assert.Single(versions);
        Assert.Equal("v3.14", v3.Id);
        Assert.Equal(3, v3.Major);
        Assert.True(v3.IsUsable);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v3/"), v3.Link);
        Assert.Null(v3.MaxMicroversion);
    }

    [Fact]
    public void Nova_root_gives_microversion_ranges_and_skips_empty_ones()
    {
        var versions = VersionDiscovery.Parse("""
            {"versions": [
              {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "", "updated": "2011-01-21T11:33:21Z",
               "links": [{"rel": "self", "href": "http://127.0.0.1:8774/v2/"}]},
              {"id": "v2.1", "status": "CURRENT", "version": "2.93", "min_version": "2.1", "updated": "2013-07-23T11:33:21Z",
               "links": [{"rel": "self", "href": "http://127.0.0.1:8774/v2.1/"}]}]}
            """);
        Assert.Equal(2, versions.Count);
        Assert.Null(versions[0].MaxMicroversion);
        var best = VersionDiscovery.Find(versions, 2)!;
        Assert.Equal("v2.1", best.Id);
        Assert.Equal("2.1", best.MinMicroversion);
        Assert.Equal("2.93", best.MaxMicroversion);
    }

    [Fact]
    public void Placement_says_max_version()
    {
        var versions = VersionDiscovery.Parse("""
            {"versions": [{"id": "v1.0", "max_version": "1.39", "min_version": "1.0", "status": "CURRENT",
              "links": [{"rel": "self", "href": ""}]}]}
            """);
        var v1 = Assert.Single(versions);
        Assert.Equal(("1.0", "1.39"), (v1.MinMicroversion, v1.MaxMicroversion));
        Assert.Null(v1.Link);
    }

    [Fact]
    public void A_single_version_document_is_read_too()
    {
        var v = Assert.Single(VersionDiscovery.Parse("""
            {"version": {"id": "v3.0", "status": "CURRENT", "version": "3.70", "min_version": "3.0",
              "links": [{"rel": "self", "href": "http://127.0.0.1:8776/v3/"}]}}
            """));
        Assert.Equal("3.70", v.MaxMicroversion);
    }

    [Fact]
    public void Deprecated_versions_are_not_chosen()
    {
        var versions = VersionDiscovery.Parse("""
            {"versions": [{"id": "v2.2", "status": "DEPRECATED"}, {"id": "v2.1", "status": "SUPPORTED"}, {"id": "v2.16", "status": "CURRENT"}]}
            """);
        Assert.Equal("v2.16", VersionDiscovery.Find(versions, 2)!.Id);
        Assert.Null(VersionDiscovery.Find(versions, 3));
    }

    [Fact]
    public void Garbage_is_an_InvalidDataException_not_a_crash()
    {
        Assert.Throws<InvalidDataException>(() => VersionDiscovery.Parse("<html>nope</html>"));
        Assert.Throws<InvalidDataException>(() => VersionDiscovery.Parse("""{"something": 1}"""));
    }

    [Theory]
    [InlineData("http://h:8776/v3/abc", "http://h:8776/")]
    [InlineData("http://h:8774/v2.1", "http://h:8774/")]
    [InlineData("http://h:9292", "http://h:9292/")]
    [InlineData("https://cloud/image/v2", "https://cloud/image/")]
    [InlineData("http://h:8080/v1/AUTH_p", "http://h:8080/")]
    [InlineData("http://h:5000/identity/v3/", "http://h:5000/identity/")]
    public void Service_root_drops_the_version_and_what_follows(string endpoint, string root)
        => Assert.Equal(root, VersionDiscovery.ServiceRoot(new Uri(endpoint)).AbsoluteUri);

    [Fact]
    public void Microversions_compare_numerically_and_negotiate_the_highest_common_one()
    {
        Assert.True(Microversion.Parse("2.10").CompareTo(Microversion.Parse("2.9")) > 0);
        Assert.Equal(Microversion.Parse("2.79"),
            Microversion.Negotiate(Microversion.Parse("2.1"), Microversion.Parse("2.79"), Microversion.Parse("2.1"), Microversion.Parse("2.93")));
        Assert.Equal(Microversion.Parse("2.60"),
            Microversion.Negotiate(Microversion.Parse("2.1"), Microversion.Parse("2.100"), Microversion.Parse("2.1"), Microversion.Parse("2.60")));
        Assert.Null(Microversion.Negotiate(Microversion.Parse("3.0"), Microversion.Parse("3.5"), Microversion.Parse("2.1"), Microversion.Parse("2.93")));
        Assert.False(Microversion.TryParse("latest", out _));
    }
}
