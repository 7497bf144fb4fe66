using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.ObjectStore.V1;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.ObjectStore.V1;

/// <summary>
/// Swift object storage v1 on the real local cloud: the generated listings (specs/object-store/v1) and the
/// handwritten header and data calls (src/OpenStack.Generated/Custom/ObjectStore/V1). Every container is
/// uniquely named and deleted, with its contents, in a finally block.
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ObjectStoreIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ObjectStoreIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private ObjectStoreService Swift => _cloud.Client.ObjectStore;

    private static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    private static string Md5(byte[] data) => Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant();

    [SkippableFact]
    public async Task Account_metadata_is_set_read_and_removed_through_headers()
    {
        var key = "Sdk-Test-" + Guid.NewGuid().ToString("N")[..10];
        var before = await Swift.Account.GetMetadataAsync();
        Assert.NotNull(before.ContainerCount);
        Assert.NotNull(before.BytesUsed);
        Assert.StartsWith("tx", before.RequestId);
        Assert.False(before.Metadata.ContainsKey(key));
        try
        {
            await Swift.Account.UpdateMetadataAsync(new AccountUpdateOptions { Metadata = { [key] = "blue" } });
            var after = await Swift.Account.GetMetadataAsync();
            Assert.Equal("blue", after.Metadata[key]);
            Assert.Equal("blue", after.Metadata[key.ToLowerInvariant()]); // Swift metadata keys are case-insensitive
        }
        finally
        {
            await Swift.Account.UpdateMetadataAsync(new AccountUpdateOptions { RemoveMetadata = { key } });
        }
        Assert.False((await Swift.Account.GetMetadataAsync()).Metadata.ContainsKey(key));
    }

    [SkippableFact]
    public async Task Container_lifecycle_with_metadata_and_acls()
    {
        var name = SwiftTestSupport.UniqueContainer();
        try
        {
            Assert.True(await Swift.Containers.CreateAsync(name, new ContainerCreateOptions
            {
                Metadata = { ["Owner"] = "sdk", ["Stage"] = "one" },
                ReadAcl = ".r:*,.rlistings",
            }));
            Assert.False(await Swift.Containers.CreateAsync(name)); // 202: it already exists

            var meta = await Swift.Containers.GetMetadataAsync(name);
            Assert.Equal(name, meta.Name);
            Assert.Equal(0, meta.ObjectCount);
            Assert.Equal(0, meta.BytesUsed);
            Assert.Equal(".r:*,.rlistings", meta.ReadAcl);
            Assert.Null(meta.WriteAcl);
            Assert.Equal("sdk", meta.Metadata["Owner"]);
            Assert.Equal("one", meta.Metadata["Stage"]);
            Assert.NotNull(meta.Timestamp);
            Assert.StartsWith("tx", meta.RequestId);

            var project = _cloud.Client.Connection.Token.ProjectId;
            await Swift.Containers.UpdateAsync(name, new ContainerUpdateOptions
            {
                Metadata = { ["Stage"] = "two" },
                RemoveMetadata = { "Owner" },
                ReadAcl = "",                       // empty: removed
                WriteAcl = project + ":*",
            });
            meta = await Swift.Containers.GetMetadataAsync(name);
            Assert.Equal("two", meta.Metadata["Stage"]);
            Assert.False(meta.Metadata.ContainsKey("Owner"));
            Assert.Null(meta.ReadAcl);
            Assert.Equal(project + ":*", meta.WriteAcl);

            await Swift.Objects.UploadAsync(name, "o", Text("x"));
            var notEmpty = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Containers.DeleteAsync(name));
            Assert.Equal(409, notEmpty.Status);
            Assert.Equal("DELETE", notEmpty.Method?.Method);
            Assert.StartsWith("tx", notEmpty.RequestId);
            Assert.False(string.IsNullOrEmpty(notEmpty.ServerMessage));
            await Swift.Objects.DeleteAsync(name, "o");
            await Swift.Containers.DeleteAsync(name);

            var gone = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Containers.GetMetadataAsync(name));
            Assert.Equal(404, gone.Status);
            Assert.StartsWith("tx", gone.RequestId);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, name);
        }
    }

    [SkippableFact]
    public async Task Read_and_write_acls_let_another_project_in_and_removing_them_shuts_it_out()
    {
        var container = SwiftTestSupport.UniqueContainer();
        var admin = _cloud.OptionsForAnotherClient();
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
        var demoProject = demo.Connection.Token.ProjectId!;
        try
        {
            await Swift.Containers.CreateAsync(container);
            await Swift.Objects.UploadAsync(container, "doc.txt", Text("for demo"));
            // The demo user's token, on the admin project's object (an absolute URL bypasses demo's own account).
            var objectUri = Swift.Objects.GetObjectUri(container, "doc.txt");

            var refused = await Assert.ThrowsAsync<OpenStackException>(() => demo.ObjectStore.Http.GetStringAsync(objectUri));
            Assert.Equal(403, refused.Status);
            Assert.StartsWith("tx", refused.RequestId);

            await Swift.Containers.UpdateAsync(container, new ContainerUpdateOptions { ReadAcl = demoProject + ":*", WriteAcl = demoProject + ":*" });
            Assert.Equal("for demo", await demo.ObjectStore.Http.GetStringAsync(objectUri));
            using (var put = await demo.ObjectStore.Http.PutAsync(Swift.Objects.GetObjectUri(container, "from-demo.txt"), new StringContent("written by demo")))
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            var head = await Swift.Objects.GetMetadataAsync(container, "from-demo.txt");
            Assert.Equal("written by demo".Length, head.ContentLength);

            await Swift.Containers.UpdateAsync(container, new ContainerUpdateOptions { ReadAcl = "", WriteAcl = "" });
            Assert.Equal(403, (await Assert.ThrowsAsync<OpenStackException>(() => demo.ObjectStore.Http.GetStringAsync(objectUri))).Status);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Listing_a_missing_container_is_a_404_with_swifts_request_id()
    {
        var error = await Assert.ThrowsAsync<OpenStackException>(async () =>
        {
            await foreach (var _ in Swift.Objects.ListAsync(SwiftTestSupport.UniqueContainer())) { }
        });
        Assert.Equal(404, error.Status);
        Assert.StartsWith("tx", error.RequestId);
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
    }

    [SkippableFact]
    public async Task Container_listing_pages_by_marker_and_filters_by_prefix()
    {
        var prefix = SwiftTestSupport.UniqueContainer();
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").ToList();
        try
        {
            foreach (var n in names) await Swift.Containers.CreateAsync(n);
            await Swift.Objects.UploadAsync(names[1], "five-bytes", Text("12345"));

            var pages = new List<int>();
            var seen = new List<string>();
            await foreach (var page in Swift.Containers.ListAsync(new ContainerListOptions { Prefix = prefix, Limit = 2 }).AsPages())
            {
                pages.Add(page.Values.Count);
                seen.AddRange(page.Values.Select(c => c.Name!));
            }
            Assert.Equal(new[] { 2, 2, 1 }, pages.Where(p => p > 0));
            Assert.Equal(names, seen);

            // The listing's count and bytes come from the account database, which Swift's container-updater
            // daemon refreshes later (devcloud does not run it); HEAD on the container is current.
            var one = await Swift.Containers.ListAsync(new ContainerListOptions { Prefix = names[1] }).SingleAsync();
            Assert.Equal(names[1], one.Name);
            Assert.NotNull(one.Count);
            Assert.NotNull(one.Bytes);
            Assert.NotNull(one.LastModified);
            Assert.InRange(one.LastModified!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
            var head = await Swift.Containers.GetMetadataAsync(names[1]);
            Assert.Equal(1, head.ObjectCount);
            Assert.Equal(5, head.BytesUsed);

            var bounded = await Swift.Containers.ListAsync(new ContainerListOptions { Prefix = prefix, Marker = names[0], EndMarker = names[3] })
                .Select(c => c.Name!).ToListAsync();
            Assert.Equal(names.Skip(1).Take(2), bounded);

            var reversed = await Swift.Containers.ListAsync(new ContainerListOptions { Prefix = prefix, Reverse = true, Limit = 2 }).Take(3)
                .Select(c => c.Name!).ToListAsync();
            Assert.Equal(new[] { names[4], names[3], names[2] }, reversed);
        }
        finally
        {
            foreach (var n in names) await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, n);
        }
    }

    [SkippableFact]
    public async Task Object_listing_rolls_up_pseudo_folders_with_a_delimiter_and_pages_past_them()
    {
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);
            foreach (var n in new[] { "a/1.txt", "a/2.txt", "b.txt", "c/d/e.txt", "c/f.txt" })
                await Swift.Objects.UploadAsync(container, n, Text(n), new ObjectUploadOptions { ContentType = "text/plain" });

            var all = await Swift.Objects.ListAsync(container, new StorageObjectListOptions { Limit = 2 }).ToListAsync();
            Assert.Equal(new[] { "a/1.txt", "a/2.txt", "b.txt", "c/d/e.txt", "c/f.txt" }, all.Select(o => o.Name));
            var b = all.Single(o => o.Name == "b.txt");
            Assert.Equal("b.txt".Length, b.Bytes);
            Assert.Equal(Md5(Encoding.UTF8.GetBytes("b.txt")), b.Hash);
            Assert.Equal("text/plain", b.ContentType);

            // limit=1 with a delimiter: the marker after a pseudo-folder is its subdir, not a name.
            var top = await Swift.Objects.ListAsync(container, new StorageObjectListOptions { Delimiter = "/", Limit = 1 }).ToListAsync();
            Assert.Equal(new[] { "a/", null, "c/" }, top.Select(o => o.Subdir));
            Assert.Equal(new[] { null, "b.txt", null }, top.Select(o => o.Name));

            var underC = await Swift.Objects.ListAsync(container, new StorageObjectListOptions { Prefix = "c/", Delimiter = "/" }).ToListAsync();
            Assert.Equal(new[] { "c/d/", null }, underC.Select(o => o.Subdir));
            Assert.Equal("c/f.txt", underC[1].Name);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Object_upload_streams_and_download_streams_back_with_ranges_metadata_copy_and_delete()
    {
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);

            // 24 MiB that never exist whole: generated block by block, unseekable (so sent chunked).
            const long size = 24L * 1024 * 1024 + 5;
            var source = new GeneratedStream(size, seed: 42);
            var written = await Swift.Objects.UploadAsync(container, "dir/big file.bin", source, new ObjectUploadOptions
            {
                ContentType = "application/x-sdk-test",
                Metadata = { ["Color"] = "red", ["Shape"] = "round" },
            });
            Assert.Equal(size, source.BytesRead);
            Assert.True(source.ReadCalls > 100, $"the source was read in {source.ReadCalls} calls: expected many small reads");
            Assert.True(source.LargestRead <= 1024 * 1024, $"a single read took {source.LargestRead} bytes");
            Assert.Equal(source.Md5Hex, written.ETag);
            Assert.StartsWith("tx", written.RequestId);

            var head = await Swift.Objects.GetMetadataAsync(container, "dir/big file.bin");
            Assert.Equal(size, head.ContentLength);
            Assert.Equal(source.Md5Hex, head.ETag);
            Assert.Equal("application/x-sdk-test", head.ContentType);
            Assert.Equal("red", head.Metadata["Color"]);
            Assert.Equal("round", head.Metadata["Shape"]);
            Assert.False(head.IsStaticLargeObject);

            var sink = new HashingSink();
            var downloaded = await Swift.Objects.DownloadToAsync(container, "dir/big file.bin", sink);
            Assert.Equal(size, sink.Length2);
            Assert.Equal(source.Md5Hex, sink.Md5Hex);
            Assert.Equal("red", downloaded.Metadata["Color"]);

            // Range read: 206 and exactly the bytes asked for.
            var expected = GeneratedStream.Bytes(300, seed: 42)[100..300];
            await using (var part = await Swift.Objects.DownloadAsync(container, "dir/big file.bin", new ObjectDownloadOptions { Range = new RangeHeaderValue(100, 299) }))
            {
                Assert.Equal(206, part.Status);
                Assert.Equal($"bytes 100-299/{size}", part.ContentRange);
                Assert.Equal(200, part.Metadata.ContentLength);
                var got = new MemoryStream();
                await part.Content.CopyToAsync(got);
                Assert.Equal(expected, got.ToArray());
            }
            var pastEnd = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Objects.DownloadAsync(container, "dir/big file.bin",
                new ObjectDownloadOptions { Range = new RangeHeaderValue(size + 10, size + 20) }));
            Assert.Equal(416, pastEnd.Status);

            // POST replaces the object's metadata as a whole.
            await Swift.Objects.UpdateMetadataAsync(container, "dir/big file.bin", new ObjectUpdateOptions { Metadata = { ["Color"] = "green" } });
            head = await Swift.Objects.GetMetadataAsync(container, "dir/big file.bin");
            Assert.Equal("green", head.Metadata["Color"]);
            Assert.False(head.Metadata.ContainsKey("Shape"));
            Assert.Equal(size, head.ContentLength);

            // Server-side copy, into a name that needs escaping, with one more metadata item.
            var copy = await Swift.Objects.CopyAsync(container, "dir/big file.bin", container, "copies/ünïcode & co.bin",
                new ObjectCopyOptions { Metadata = { ["Copied"] = "yes" } });
            Assert.Equal(source.Md5Hex, copy.ETag);
            var copied = await Swift.Objects.GetMetadataAsync(container, "copies/ünïcode & co.bin");
            Assert.Equal(size, copied.ContentLength);
            Assert.Equal("green", copied.Metadata["Color"]);
            Assert.Equal("yes", copied.Metadata["Copied"]);
            var names = await Swift.Objects.ListAsync(container).Select(o => o.Name).ToListAsync();
            Assert.Equal(new[] { "copies/ünïcode & co.bin", "dir/big file.bin" }, names);

            await Swift.Objects.DeleteAsync(container, "copies/ünïcode & co.bin");
            await Swift.Objects.DeleteAsync(container, "dir/big file.bin");
            var gone = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Objects.DownloadAsync(container, "dir/big file.bin"));
            Assert.Equal(404, gone.Status);
            Assert.Equal("GET", gone.Method?.Method);
            Assert.StartsWith("tx", gone.RequestId);
            Assert.Contains("not be found", gone.ServerMessage);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Upload_with_a_wrong_etag_is_refused_with_422_and_nothing_is_stored()
    {
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);
            var refused = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Objects.UploadAsync(container, "o", Text("data"),
                new ObjectUploadOptions { ETag = Md5(Encoding.UTF8.GetBytes("other")) }));
            Assert.Equal(422, refused.Status);
            Assert.StartsWith("tx", refused.RequestId);
            Assert.False(string.IsNullOrEmpty(refused.ServerMessage));
            Assert.Empty(await Swift.Objects.ListAsync(container).ToListAsync());

            var ok = await Swift.Objects.UploadAsync(container, "o", Text("data"), new ObjectUploadOptions
            {
                ETag = Md5(Encoding.UTF8.GetBytes("data")),
                ContentDisposition = "attachment; filename=\"o.txt\"",
                DeleteAfter = TimeSpan.FromHours(1),
            });
            Assert.Equal(Md5(Encoding.UTF8.GetBytes("data")), ok.ETag);
            var head = await Swift.Objects.GetMetadataAsync(container, "o");
            Assert.Equal("attachment; filename=\"o.txt\"", head.ContentDisposition);
            Assert.InRange(head.DeleteAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Bulk_delete_removes_many_objects_in_one_request_and_reports_the_missing()
    {
        await SwiftTestSupport.RequireMiddlewareAsync(Swift, "bulk_delete");
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);
            var names = new[] { "one", "two/three", "with space" };
            foreach (var n in names) await Swift.Objects.UploadAsync(container, n, Text(n));

            var result = await Swift.Objects.BulkDeleteAsync(container, names.Append("never-existed"));
            Assert.Equal(3, result.NumberDeleted);
            Assert.Equal(1, result.NumberNotFound);
            Assert.Empty(result.Errors);
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(await Swift.Objects.ListAsync(container).ToListAsync());

            // A non-empty container cannot be bulk-deleted: the error is reported per path, not thrown.
            await Swift.Objects.UploadAsync(container, "keep", Text("k"));
            var partial = await Swift.Objects.BulkDeleteAsync(new[] { container });
            Assert.False(partial.Succeeded);
            var error = Assert.Single(partial.Errors);
            Assert.Equal("/" + container, error.Path);
            Assert.StartsWith("409", error.Status);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Static_large_object_uploads_in_segments_downloads_whole_and_deletes_with_its_segments()
    {
        await SwiftTestSupport.RequireMiddlewareAsync(Swift, "slo");
        var container = SwiftTestSupport.UniqueContainer();
        var segments = container + "-segments";
        try
        {
            await Swift.Containers.CreateAsync(container);
            await Swift.Containers.CreateAsync(segments);

            const long size = 5L * 1024 * 1024 / 2 + 7; // 2.5 MiB + 7: three segments of 1 MiB, the last one short
            var source = new GeneratedStream(size, seed: 7);
            var (manifest, parts) = await Swift.Objects.UploadLargeObjectAsync(container, "large.bin", source, 1024 * 1024, segments,
                new ObjectUploadOptions { ContentType = "application/x-large", Metadata = { ["Kind"] = "slo" } });
            Assert.Equal(3, parts.Count);
            Assert.Equal(new long?[] { 1024 * 1024, 1024 * 1024, size - 2 * 1024 * 1024 }, parts.Select(p => p.SizeBytes));
            Assert.All(parts, p => Assert.Matches("^[0-9a-f]{32}$", p.ETag!));
            // An SLO's ETag is the MD5 of its segments' ETags concatenated.
            Assert.Equal(Md5(Encoding.ASCII.GetBytes(string.Concat(parts.Select(p => p.ETag)))), manifest.ETag);

            var head = await Swift.Objects.GetMetadataAsync(container, "large.bin");
            Assert.True(head.IsStaticLargeObject);
            Assert.Equal(size, head.ContentLength);
            Assert.Equal("slo", head.Metadata["Kind"]);
            Assert.Equal("application/x-large", head.ContentType);

            var sink = new HashingSink();
            await Swift.Objects.DownloadToAsync(container, "large.bin", sink);
            Assert.Equal(size, sink.Length2);
            Assert.Equal(source.Md5Hex, sink.Md5Hex);

            // A range that spans two segments.
            var all = GeneratedStream.Bytes(size, seed: 7);
            await using (var part = await Swift.Objects.DownloadAsync(container, "large.bin",
                new ObjectDownloadOptions { Range = new RangeHeaderValue(1024 * 1024 - 10, 1024 * 1024 + 9) }))
            {
                Assert.Equal(206, part.Status);
                var got = new MemoryStream();
                await part.Content.CopyToAsync(got);
                Assert.Equal(all[(1024 * 1024 - 10)..(1024 * 1024 + 10)], got.ToArray());
            }

            // The manifest itself, as JSON.
            await using (var raw = await Swift.Objects.DownloadAsync(container, "large.bin", new ObjectDownloadOptions { ManifestOnly = true }))
            {
                var json = JsonNode.Parse(raw.Content)!.AsArray();
                Assert.Equal(parts.Select(p => $"/{p.Container}/{p.Name}"), json.Select(j => (string)j!["name"]!));
            }

            var deleted = await Swift.Objects.DeleteLargeObjectAsync(container, "large.bin");
            Assert.Equal(4, deleted.NumberDeleted); // the three segments and the manifest
            Assert.True(deleted.Succeeded, deleted.ToString());
            Assert.Empty(await Swift.Objects.ListAsync(container).ToListAsync());
            Assert.Empty(await Swift.Objects.ListAsync(segments).ToListAsync());
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, segments);
        }
    }

    [SkippableFact]
    public async Task Manifest_with_a_wrong_segment_etag_is_refused_with_swifts_reason()
    {
        await SwiftTestSupport.RequireMiddlewareAsync(Swift, "slo");
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);
            var seg = await Swift.Objects.UploadAsync(container, "seg/0", Text("segment zero"));
            var refused = await Assert.ThrowsAsync<OpenStackException>(() => Swift.Objects.CreateStaticLargeObjectAsync(container, "m",
                new[] { new SloSegment(container, "seg/0", new string('0', 32), "segment zero".Length) }));
            Assert.Equal(400, refused.Status);
            Assert.Contains("Etag Mismatch", refused.ServerMessage, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("tx", refused.RequestId);

            var ok = await Swift.Objects.CreateStaticLargeObjectAsync(container, "m", new[] { new SloSegment(container, "seg/0", seg.ETag, "segment zero".Length) });
            var copy = new MemoryStream();
            await Swift.Objects.DownloadToAsync(container, "m", copy);
            Assert.Equal("segment zero", Encoding.UTF8.GetString(copy.ToArray()));
            Assert.NotEqual(seg.ETag, ok.ETag);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Temp_url_downloads_without_a_token_and_tampered_or_expired_ones_get_401()
    {
        await SwiftTestSupport.RequireMiddlewareAsync(Swift, "tempurl");
        var container = SwiftTestSupport.UniqueContainer();
        // A container-level key: the shared account's keys stay untouched.
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        try
        {
            var create = new ContainerCreateOptions { TempUrlKey = key };
            Assert.DoesNotContain(key, create.ToString());
            await Swift.Containers.CreateAsync(container, create);
            var meta = await Swift.Containers.GetMetadataAsync(container);
            Assert.True(meta.HasTempUrlKey);
            Assert.DoesNotContain(meta.Metadata.Values, v => v.Contains(key, StringComparison.Ordinal));

            var body = "temp url body " + Guid.NewGuid();
            await Swift.Objects.UploadAsync(container, "shared/file.txt", Text(body));

            using var anonymous = new HttpClient(); // no token, no SDK pipeline
            var url = Swift.Objects.CreateTempUrl(container, "shared/file.txt", HttpMethod.Get, DateTimeOffset.UtcNow.AddMinutes(5), key);
            Assert.DoesNotContain(key, url.ToString());
            Assert.Equal(body, await anonymous.GetStringAsync(url));

            var sha512 = Swift.Objects.CreateTempUrl(container, "shared/file.txt", HttpMethod.Get, DateTimeOffset.UtcNow.AddMinutes(5), key, TempUrlDigest.Sha512);
            Assert.Contains("temp_url_sig=sha512%3A", sha512.Query);
            Assert.Equal(body, await anonymous.GetStringAsync(sha512));

            // Without the signature, or with one changed character, or for another object, or past expiry: 401.
            var plain = Swift.Objects.GetObjectUri(container, "shared/file.txt");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(plain)).StatusCode);
            var text = url.AbsoluteUri;
            var at = text.IndexOf("temp_url_sig=", StringComparison.Ordinal) + "temp_url_sig=".Length;
            var tampered = text[..at] + (text[at] == 'a' ? 'b' : 'a') + text[(at + 1)..];
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(tampered)).StatusCode);
            await Swift.Objects.UploadAsync(container, "shared/other.txt", Text("other"));
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(text.Replace("file.txt", "other.txt", StringComparison.Ordinal))).StatusCode);
            var expired = Swift.Objects.CreateTempUrl(container, "shared/file.txt", HttpMethod.Get, DateTimeOffset.UtcNow.AddSeconds(-5), key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(expired)).StatusCode);
            var wrongKey = Swift.Objects.CreateTempUrl(container, "shared/file.txt", HttpMethod.Get, DateTimeOffset.UtcNow.AddMinutes(5), key + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(wrongKey)).StatusCode);

            // A GET URL does not allow a PUT; a PUT URL uploads without a token.
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync(url, new StringContent("overwrite"))).StatusCode);
            var put = Swift.Objects.CreateTempUrl(container, "shared/uploaded.txt", HttpMethod.Put, DateTimeOffset.UtcNow.AddMinutes(5), key);
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PutAsync(put, new StringContent("via temp url"))).StatusCode);
            var copy = new MemoryStream();
            await Swift.Objects.DownloadToAsync(container, "shared/uploaded.txt", copy);
            Assert.Equal("via temp url", Encoding.UTF8.GetString(copy.ToArray()));
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }

    [SkippableFact]
    public async Task Real_listings_keep_every_key_through_the_typed_records()
    {
        var container = SwiftTestSupport.UniqueContainer();
        try
        {
            await Swift.Containers.CreateAsync(container);
            await Swift.Objects.UploadAsync(container, "a/b.txt", Text("b"), new ObjectUploadOptions { ContentType = "text/plain" });
            await Swift.Objects.UploadAsync(container, "c.txt", Text("c"));

            var accountRaw = await Swift.Http.GetStringAsync("?format=json&prefix=" + container);
            Assert.Contains("\"last_modified\"", accountRaw);
            RoundTrip.AssertNoKeyLost(accountRaw, ObjectStoreContainersJsonContext.Default.ContainerListPage);

            var objectsRaw = await Swift.Http.GetStringAsync(container + "?format=json");
            Assert.Contains("\"hash\"", objectsRaw);
            RoundTrip.AssertNoKeyLost(objectsRaw, ObjectStoreObjectsJsonContext.Default.StorageObjectListPage);

            var foldersRaw = await Swift.Http.GetStringAsync(container + "?format=json&delimiter=/");
            Assert.Contains("\"subdir\"", foldersRaw);
            RoundTrip.AssertNoKeyLost(foldersRaw, ObjectStoreObjectsJsonContext.Default.StorageObjectListPage);
        }
        finally
        {
            await SwiftTestSupport.DeleteContainerAndContentsAsync(Swift, container);
        }
    }
}
