using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using OpenStack.Image.V2;
using OpenStack.Json;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Image.V2;

/// <summary>Glance v2 images on the real local cloud (specs/image/v2/images.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImagesIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ImagesIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private ImagesClient Images => _cloud.Client.Image.Images;

    [SkippableFact]
    public async Task Lifecycle_create_upload_download_update_tag_deactivate_delete()
    {
        var name = CloudFixture.UniqueName("sdk-img");
        var created = await Images.CreateAsync(new ImageCreateOptions
        {
            Name = name,
            DiskFormat = ImageDiskFormat.Raw,
            ContainerFormat = ImageContainerFormat.Bare,
            Visibility = ImageVisibility.Private,
            Tags = new List<string> { "sdk-test" },
            MinRam = 64,
        }.SetProperty("os_distro", "debian").SetProperty("hw_disk_bus", "virtio"));
        try
        {
            Assert.Equal(name, created.Name);
            Assert.Equal(ImageStatus.Queued, created.Status);
            Assert.Equal(64, created.MinRam);
            Assert.Equal(new[] { "sdk-test" }, created.Tags);
            Assert.Equal("debian", created.AdditionalProperties.GetString("os_distro"));

            // 3 MiB of random bytes: larger than any single buffer, streamed both ways.
            var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
            await Images.UploadAsync(created.Id!, new MemoryStream(data));
            var uploaded = await Images.GetAsync(created.Id!);
            Assert.Equal(ImageStatus.Active, uploaded.Status);
            Assert.Equal(data.Length, uploaded.Size);
            Assert.Equal(Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant(), uploaded.Checksum);
            Assert.Equal("sha512", uploaded.OsHashAlgo);

            var copy = new MemoryStream();
            await Images.DownloadToAsync(created.Id!, copy);
            Assert.Equal(data, copy.ToArray());

            using (var raw = await Images.DownloadAsync(created.Id!))
            {
                Assert.Equal(uploaded.Checksum, raw.ContentMd5);
                Assert.Equal(data.Length, raw.Raw.ContentLength);
            }

            var updated = await Images.UpdateAsync(created.Id!, new ImageUpdateOptions
            {
                Name = name + "-renamed",
                MinDisk = 2,
                Tags = new List<string> { "sdk-test", "second" },
            }.SetProperty("os_version", "12").RemoveProperty("hw_disk_bus"));
            Assert.Equal(name + "-renamed", updated.Name);
            Assert.Equal(2, updated.MinDisk);
            Assert.Equal(new[] { "sdk-test", "second" }, updated.Tags!.OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal("12", updated.AdditionalProperties.GetString("os_version"));
            Assert.Equal("debian", updated.AdditionalProperties.GetString("os_distro"));
            Assert.False(updated.AdditionalProperties!.ContainsKey("hw_disk_bus"));

            await Images.AddTagAsync(created.Id!, "added tag");
            await Images.RemoveTagAsync(created.Id!, "second");
            var tagged = await Images.GetAsync(created.Id!);
            Assert.Equal(new[] { "added tag", "sdk-test" }, tagged.Tags!.OrderBy(t => t, StringComparer.Ordinal));

            await Images.DeactivateAsync(created.Id!);
            Assert.Equal(ImageStatus.Deactivated, (await Images.GetAsync(created.Id!)).Status);
            await Images.ReactivateAsync(created.Id!);
            Assert.Equal(ImageStatus.Active, (await Images.GetAsync(created.Id!)).Status);
        }
        finally
        {
            await Images.DeleteAsync(created.Id!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Images.GetAsync(created.Id!));
        Assert.Equal(404, gone.Status);
        Assert.False(string.IsNullOrEmpty(gone.RequestId));
        Assert.Contains(created.Id!, gone.Message);
    }

    [SkippableFact]
    public async Task List_filters_by_repeated_tag_and_name_and_pages_lazily()
    {
        var tag = CloudFixture.UniqueName("sdk-tag");
        var ids = new List<string>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var image = await Images.CreateAsync(new ImageCreateOptions
                {
                    Name = $"{tag}-{i}",
                    Tags = i == 0 ? new List<string> { tag, "first" } : new List<string> { tag },
                    Visibility = ImageVisibility.Private,
                });
                ids.Add(image.Id!);
            }

            // limit=1: three pages, each found through Glance's "next" link.
            var pages = new List<int>();
            await foreach (var page in Images.ListAsync(new ImageListOptions { Tag = new List<string> { tag }, Limit = 1 }).AsPages())
                pages.Add(page.Values.Count);
            Assert.True(pages.Count >= 3, $"expected at least 3 pages, got {pages.Count}");
            Assert.Equal(3, pages.Sum());

            var all = new List<string>();
            await foreach (var image in Images.ListAsync(new ImageListOptions { Tag = new List<string> { tag }, Limit = 1, SortKey = "name", SortDir = ImageListOptionsSortDir.Asc }))
                all.Add(image.Name!);
            Assert.Equal(new[] { $"{tag}-0", $"{tag}-1", $"{tag}-2" }, all);

            // Both tags must match: the key is repeated, not comma-joined.
            var both = new List<string>();
            await foreach (var image in Images.ListAsync(new ImageListOptions { Tag = new List<string> { tag, "first" } }))
                both.Add(image.Id!);
            Assert.Equal(new[] { ids[0] }, both);

            var byName = new List<string>();
            await foreach (var image in Images.ListAsync(new ImageListOptions { Name = $"{tag}-1", Visibility = ImageListOptionsVisibility.Private }))
                byName.Add(image.Id!);
            Assert.Equal(new[] { ids[1] }, byName);

            var firstTwo = new List<string>();
            await foreach (var image in Images.ListAsync(new ImageListOptions { Tag = new List<string> { tag }, Limit = 1 }).Take(2))
                firstTwo.Add(image.Id!);
            Assert.Equal(2, firstTwo.Count);
        }
        finally
        {
            foreach (var id in ids) await Images.DeleteAsync(id);
        }
    }

    [SkippableFact]
    public async Task Upload_of_a_stream_of_unknown_length_goes_chunked_and_arrives_whole()
    {
        var created = await Images.CreateAsync(new ImageCreateOptions
        {
            Name = CloudFixture.UniqueName("sdk-chunked"),
            DiskFormat = ImageDiskFormat.Raw,
            ContainerFormat = ImageContainerFormat.Bare,
        });
        try
        {
            var data = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 3);
            await Images.UploadAsync(created.Id!, new UnseekableStream(new MemoryStream(data)));
            var uploaded = await Images.GetAsync(created.Id!);
            Assert.Equal(data.Length, uploaded.Size);
            Assert.Equal(Convert.ToHexString(SHA512.HashData(data)).ToLowerInvariant(), uploaded.OsHashValue);
        }
        finally
        {
            await Images.DeleteAsync(created.Id!);
        }
    }

    /// <summary>A stream with no length, as from a pipe or a network source.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [SkippableFact]
    public async Task A_real_image_keeps_every_key_through_the_typed_record()
    {
        var created = await Images.CreateAsync(new ImageCreateOptions
        {
            Name = CloudFixture.UniqueName("sdk-rt"),
        }.SetProperty("custom_property", "kept"));
        try
        {
            var raw = await _cloud.Client.Image.Http.GetStringAsync("images/" + created.Id);
            RoundTrip.AssertNoKeyLost(raw, ImageImagesJsonContext.Default.Image);
            var pageRaw = await _cloud.Client.Image.Http.GetStringAsync("images?limit=2");
            RoundTrip.AssertNoKeyLost(pageRaw, ImageImagesJsonContext.Default.ImageListPage);
        }
        finally
        {
            await Images.DeleteAsync(created.Id!);
        }
    }

    [SkippableFact]
    public async Task A_member_user_is_refused_admin_actions_with_a_403_and_glances_reason()
    {
        _ = _cloud.Client; // skips (or fails under CI) when there is no cloud
        var admin = CloudFixture.Options();
        using var demo = await OpenStackClient.ConnectAsync(new OpenStackClientOptions
        {
            AuthUrl = admin.AuthUrl,
            Username = "demo",
            Password = Environment.GetEnvironmentVariable("DEVCLOUD_DEMO_PASSWORD") ?? "demo",
            UserDomainName = "Default",
            ProjectName = "demo",
            ProjectDomainName = "Default",
            RegionName = admin.RegionName,
        });
        var image = await demo.Image.Images.CreateAsync(new ImageCreateOptions { Name = CloudFixture.UniqueName("sdk-demo") });
        try
        {
            Assert.Equal(demo.Connection.Token.ProjectId, image.Owner);
            var refused = await Assert.ThrowsAsync<OpenStackException>(() => demo.Image.Images.DeactivateAsync(image.Id!));
            Assert.Equal(403, refused.Status);
            Assert.False(string.IsNullOrEmpty(refused.ServerMessage));
            Assert.StartsWith("req-", refused.RequestId);
        }
        finally
        {
            await demo.Image.Images.DeleteAsync(image.Id!);
        }
    }

    [SkippableFact]
    public async Task Glance_errors_carry_status_request_id_and_message()
    {
        var error = await Assert.ThrowsAsync<OpenStackException>(() => Images.CreateAsync(new ImageCreateOptions
        {
            Name = CloudFixture.UniqueName("sdk-bad"),
            DiskFormat = new ImageDiskFormat("not-a-format"),
        }));
        Assert.Equal(400, error.Status);
        Assert.Equal("POST", error.Method?.Method);
        Assert.StartsWith("req-", error.RequestId);
        Assert.Contains("not-a-format", error.ServerMessage);
    }
}
