using System;
using Xunit;

namespace OpenStack.Tests.Secrets;

public sealed class OptionsUserInfoTests
{
    [Fact]
    public void Credentials_inside_the_auth_url_are_not_printed()
    {
        var options = new OpenStackClientOptions { AuthUrl = new Uri("https://alice:pw-SECRET@keystone.example:5000/v3") };
        Assert.DoesNotContain("pw-SECRET", options.ToString());
        Assert.Contains("***@keystone.example", options.ToString());
    }
}
