using System;
using System.Net;
using System.Threading.Tasks;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public sealed class ServicePropertiesTests
{
    [Fact]
    public async Task A_service_property_is_made_once_and_reading_it_again_allocates_nothing()
    {
        FakeKeystone keystone = new((request, _) => Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, "{}")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using var cloud = new OpenStackClient(connection);

        OpenStack.Image.V2.ImageService first = cloud.Image;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Assert.Same(first, cloud.Image);
        }

        // A loop such as `cloud.Image.Images.GetAsync(id)` reads the property on every call.
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
