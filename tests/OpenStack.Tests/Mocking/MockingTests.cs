using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using NSubstitute;
using NSubstitute.Extensions;
using OpenStack.Image.V2;
using OpenStack.Paging;
using Xunit;

namespace OpenStack.Tests.Mocking;

using Image = OpenStack.Image.V2.Image;

/// <summary>
/// A user's own code, tested without a cloud: the client mocked with NSubstitute (and, for those without a
/// mocking library, by subclassing), results built with records and OpenStackModelFactory.
/// </summary>
public sealed class MockingTests
{
    // The code under test: what an application might write against the SDK.
    private static async Task<string[]> ActiveImageNamesAsync(OpenStackClient cloud, CancellationToken cancellationToken = default)
    {
        var names = new System.Collections.Generic.List<string>();
        await foreach (Image image in cloud.Image.Images.ListAsync(new ImageListOptions { Status = "active" }, cancellationToken))
        {
            names.Add(image.Name ?? image.Id!);
        }

        return names.ToArray();
    }

    private static async Task<string> DescribeAsync(OpenStackClient cloud, string id)
    {
        try
        {
            Image image = await cloud.Image.Images.GetAsync(id);
            return $"{image.Name} ({image.Status})";
        }
        catch (OpenStackException e) when (e.Status == 404)
        {
            return "gone";
        }
    }

    [Fact]
    public async Task The_client_tree_can_be_mocked_with_NSubstitute()
    {
        var images = Substitute.For<ImagesClient>();
        var imageService = Substitute.For<ImageService>();
        var cloud = Substitute.For<OpenStackClient>();
        cloud.Image.Returns(imageService);
        imageService.Images.Returns(images);
        images.ListAsync(Arg.Is<ImageListOptions?>(o => o!.Status == "active"), Arg.Any<CancellationToken>())
            .Returns(OpenStackModelFactory.PageableFromPages<Image>(
            [
                [new Image { Id = "1", Name = "debian", Status = ImageStatus.Active }],
                [new Image { Id = "2", Status = ImageStatus.Active }],
            ]));
        images.GetAsync("1", Arg.Any<CancellationToken>()).Returns(new Image { Id = "1", Name = "debian", Status = ImageStatus.Active });
        images.GetAsync("2", Arg.Any<CancellationToken>()).Returns<Image>(_ => throw OpenStackModelFactory.OpenStackException(404, "Image 2 not found.", HttpMethod.Get));

        Assert.Equal(["debian", "2"], await ActiveImageNamesAsync(cloud));
        Assert.Equal("debian (active)", await DescribeAsync(cloud, "1"));
        Assert.Equal("gone", await DescribeAsync(cloud, "2"));
    }

    [Fact]
    public async Task A_partial_substitute_runs_the_real_DownloadToAsync_over_stubbed_calls()
    {
        byte[] data = RandomNumberGenerator.GetBytes(4096);
        string sha512 = Convert.ToHexString(SHA512.HashData(data)).ToLowerInvariant();
        var images = Substitute.ForPartsOf<ImagesClient>();
        images.Configure().GetAsync("i", Arg.Any<CancellationToken>()).Returns(new Image { Id = "i", OsHashAlgo = "sha512", OsHashValue = sha512 });
        images.Configure().DownloadAsync("i", Arg.Any<CancellationToken>()).Returns(_ => OpenStackModelFactory.ImageDownload(new MemoryStream(data)));
        var copy = new MemoryStream();

        await images.DownloadToAsync("i", copy);

        Assert.Equal(data, copy.ToArray());
        images.Configure().DownloadAsync("i", Arg.Any<CancellationToken>()).Returns(_ => OpenStackModelFactory.ImageDownload(new MemoryStream(new byte[4096])));
        await Assert.ThrowsAsync<InvalidDataException>(() => images.DownloadToAsync("i", new MemoryStream()));
    }

    [Fact]
    public async Task Without_a_mocking_library_a_subclass_does()
    {
        var cloud = new FakeCloud(new FakeImageService(new FakeImages(
            new Image { Id = "a", Name = "alpine", Status = ImageStatus.Active })));

        Assert.Equal(["alpine"], await ActiveImageNamesAsync(cloud));
    }

    [Fact]
    public async Task Model_factory_pageables_page_like_the_service_and_can_be_enumerated_again()
    {
        AsyncPageable<int> pageable = OpenStackModelFactory.PageableFromPages<int>([[1, 2], [3], [4, 5]]);

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, await pageable.ToArrayAsync());
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, await pageable.ToArrayAsync());
        Assert.Equal(3, await pageable.AsPages().CountAsync());
        Assert.Equal(new[] { 1, 2, 3 }, await pageable.Take(3).ToArrayAsync());
        Assert.Equal(new[] { "x" }, await OpenStackModelFactory.Pageable("x").ToArrayAsync());
        Assert.Empty(await OpenStackModelFactory.Pageable<string>().ToArrayAsync());
    }

    [Fact]
    public void Model_factory_responses_carry_what_the_service_would_send()
    {
        using var download = OpenStackModelFactory.ImageDownload(new MemoryStream([1, 2, 3]), contentMd5: "abc");
        using var raw = OpenStackModelFactory.StreamResponse(new MemoryStream([9]), status: 206, contentType: "text/plain", requestId: "req-1");
        var error = OpenStackModelFactory.OpenStackException(409, "Conflict!", HttpMethod.Delete, new Uri("http://h/v2/images/x"), "req-2", "conflict");

        Assert.Equal("abc", download.ContentMd5);
        Assert.Equal(3, download.Raw.ContentLength);
        Assert.Equal(206, raw.Status);
        Assert.Equal("text/plain", raw.ContentType);
        Assert.Equal("req-1", raw.RequestId);
        Assert.Equal(409, error.Status);
        Assert.Equal("conflict", error.ErrorCode);
        Assert.Equal("DELETE http://h/v2/images/x failed with 409: Conflict! Request id: req-2.", error.Message);
    }

    private sealed class FakeCloud(ImageService image) : OpenStackClient
    {
        public override ImageService Image => image;
    }

    private sealed class FakeImageService(ImagesClient images) : ImageService
    {
        public override ImagesClient Images => images;
    }

    private sealed class FakeImages(params Image[] images) : ImagesClient
    {
        public override AsyncPageable<Image> ListAsync(ImageListOptions? options = null, CancellationToken cancellationToken = default) =>
            OpenStackModelFactory.Pageable(images.Where(i => options?.Status is null || i.Status?.ToString() == options.Status));
    }
}
