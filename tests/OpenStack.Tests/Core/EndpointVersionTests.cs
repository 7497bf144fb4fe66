using System;
using Xunit;

namespace OpenStack.Tests.Core;

public class EndpointVersionTests
{
    [Theory]
    [InlineData("http://h:9292", "v2", "http://h:9292/v2/")]
    [InlineData("http://h:9292/", "v2", "http://h:9292/v2/")]
    [InlineData("http://h:9292/v2", "v2", "http://h:9292/v2/")]
    [InlineData("http://h:5000/v3/", "v3", "http://h:5000/v3/")]
    [InlineData("http://h:8776/v3/abc", "v3", "http://h:8776/v3/abc/")]
    [InlineData("https://cloud/image", "v2", "https://cloud/image/v2/")]
    [InlineData("http://h:8774/v2.1", "v2.1", "http://h:8774/v2.1/")]
    [InlineData("http://h:8774/v2.1/", "v2.1", "http://h:8774/v2.1/")]
    [InlineData("http://h:9696", "v2.0", "http://h:9696/v2.0/")]
    [InlineData("https://cloud/compute/v2.1/p-1", "v2.1", "https://cloud/compute/v2.1/p-1/")]
    [InlineData("http://h:8080/v1/AUTH_p", "v1", "http://h:8080/v1/AUTH_p/")]
    [InlineData("https://cloud/version-api", "v2", "https://cloud/version-api/v2/")]
    public void Appends_the_version_only_when_the_path_has_none(string endpoint, string version, string expected)
    {
        Uri result = EndpointVersion.WithVersion(new Uri(endpoint), version);

        Assert.Equal(expected, result.AbsoluteUri);
        Assert.EndsWith("/", result.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_paths_resolve_beneath_the_result()
    {
        Uri baseAddress = EndpointVersion.WithVersion(new Uri("https://cloud/image"), "v2");

        Assert.Equal("https://cloud/image/v2/images", new Uri(baseAddress, "images").AbsoluteUri);
    }
}
