using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.ObjectStore.V1;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.ObjectStore.V1;

/// <summary>The Swift client over an in-process fake: what goes on the wire, without a cloud.</summary>
public sealed class ObjectStoreClientTests
{
    private static async Task<(OpenStackClient Client, List<HttpRequestMessage> Seen)> Connect(Func<HttpRequestMessage, Task<HttpResponseMessage>> swift)
    {
        var seen = new List<HttpRequestMessage>();
        var transport = new LambdaHandler(async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal))
                return FakeHttpHandler.Json(HttpStatusCode.Created,
                    FakeKeystone.TokenBody(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), ("X-Subject-Token", "token-1"));
            seen.Add(request);
            return await swift(request);
        });
        var options = FakeKeystone.Options(new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));
        options.Transport = transport;
        return (await OpenStackClient.ConnectAsync(options), seen);
    }

    [Fact]
    public async Task Upload_streams_an_unseekable_source_chunked_and_leaves_it_open()
    {
        var source = new GeneratedStream(6L * 1024 * 1024, seed: 1);
        long readBeforeSend = -1;
        long received = 0;
        bool? chunked = null;
        string? meta = null;
        var (client, seen) = await Connect(async request =>
        {
            readBeforeSend = source.BytesRead;
            // No length is known up front: the handler sends it chunked instead of buffering to count it.
            chunked = request.Content!.Headers.ContentLength is null;
            meta = request.Headers.GetValues("X-Object-Meta-Color").Single();
            await using var body = await request.Content!.ReadAsStreamAsync();
            var buffer = new byte[65536];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) received += n;
            var response = new HttpResponseMessage(HttpStatusCode.Created);
            response.Headers.TryAddWithoutValidation("Etag", source.Md5Hex);
            response.Headers.TryAddWithoutValidation("X-Trans-Id", "tx123");
            return response;
        });
        using (client)
        {
            var result = await client.ObjectStore.Objects.UploadAsync("c", "a b/ü.bin", source, new ObjectUploadOptions { Metadata = { ["Color"] = "red" } });

            Assert.Equal(0, readBeforeSend); // nothing was read into a buffer before the request left
            Assert.Equal(6L * 1024 * 1024, received);
            Assert.True(chunked, "a stream without a length must go chunked, not be buffered to learn it");
            Assert.Equal("red", meta);
            Assert.Equal(source.Md5Hex, result.ETag); // Swift's unquoted ETag is read as sent
            Assert.Equal("tx123", result.RequestId);
            Assert.True(source.CanRead, "the caller's stream must stay open");
            Assert.Equal("/v1/AUTH_p-456/c/a%20b/%C3%BC.bin", seen.Single().RequestUri!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Download_streams_instead_of_buffering_the_body()
    {
        var data = new GeneratedStream(256L * 1024 * 1024, seed: 3);
        var (client, _) = await Connect(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(data) };
            response.Content.Headers.TryAddWithoutValidation("X-Object-Meta-Color", "red");
            return Task.FromResult(response);
        });
        using (client)
        {
            await using var download = await client.ObjectStore.Objects.DownloadAsync("c", "big");
            var buffer = new byte[4096];
            var n = await download.Content.ReadAsync(buffer);
            Assert.True(n > 0);
            Assert.True(data.BytesRead < 1024 * 1024, $"{data.BytesRead} bytes were read for a 4 KiB read: the body was buffered");
            Assert.Equal("red", download.Metadata.Metadata["Color"]);
        }
    }

    [Fact]
    public async Task DownloadToAsync_rejects_data_that_does_not_match_swifts_etag()
    {
        var (client, _) = await Connect(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("tampered"u8.ToArray()) };
            response.Headers.TryAddWithoutValidation("Etag", "00112233445566778899aabbccddeeff");
            return Task.FromResult(response);
        });
        using (client)
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.ObjectStore.Objects.DownloadToAsync("c", "o", new MemoryStream()));
            Assert.Contains("00112233445566778899aabbccddeeff", error.Message);
        }
    }

    [Fact]
    public async Task Header_options_become_swifts_set_and_remove_headers()
    {
        var (client, seen) = await Connect(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
        using (client)
        {
            await client.ObjectStore.Account.UpdateMetadataAsync(new AccountUpdateOptions { Metadata = { ["A"] = "1", ["B"] = "" }, RemoveMetadata = { "C" }, TempUrlKey2 = "k2" });
            await client.ObjectStore.Account.UpdateMetadataAsync(new AccountUpdateOptions { TempUrlKey2 = "" });
            await client.ObjectStore.Containers.UpdateAsync("c", new ContainerUpdateOptions { ReadAcl = "", WriteAcl = "p:u", TempUrlKey = "k", RemoveMetadata = { "Old" } });
            await client.ObjectStore.Objects.CopyAsync("src", "a b", "dst", "c", new ObjectCopyOptions { FreshMetadata = true });

            static Dictionary<string, string> Headers(HttpRequestMessage r)
                => r.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var account = Headers(seen[0]);
            Assert.Equal(HttpMethod.Post, seen[0].Method);
            Assert.Equal("1", account["X-Account-Meta-A"]);
            Assert.True(account.ContainsKey("X-Remove-Account-Meta-B"));
            Assert.True(account.ContainsKey("X-Remove-Account-Meta-C"));
            Assert.Equal("k2", account["X-Account-Meta-Temp-URL-Key-2"]);
            Assert.False(account.ContainsKey("X-Account-Meta-Temp-URL-Key")); // the first slot is never touched
            Assert.True(Headers(seen[1]).ContainsKey("X-Remove-Account-Meta-Temp-URL-Key-2"));

            var container = Headers(seen[2]);
            Assert.True(container.ContainsKey("X-Remove-Container-Read"));
            Assert.Equal("p:u", container["X-Container-Write"]);
            Assert.Equal("k", container["X-Container-Meta-Temp-URL-Key"]);
            Assert.True(container.ContainsKey("X-Remove-Container-Meta-Old"));

            var copy = Headers(seen[3]);
            Assert.Equal(HttpMethod.Put, seen[3].Method);
            Assert.Equal("/src/a%20b", copy["X-Copy-From"]);
            Assert.Equal("true", copy["X-Fresh-Metadata"]);
            Assert.Equal("/v1/AUTH_p-456/dst/c", seen[3].RequestUri!.AbsolutePath);
        }
    }

    [Fact]
    public async Task A_container_cannot_change_its_storage_policy_or_have_a_slash_in_its_name()
    {
        var (client, seen) = await Connect(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
        using (client)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => client.ObjectStore.Containers.UpdateAsync("c", new ContainerUpdateOptions { StoragePolicy = "gold" }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.ObjectStore.Containers.CreateAsync("a/b"));
            Assert.Empty(seen);
        }
    }

    [Fact]
    public async Task Object_names_keep_dot_segments_and_slashes_verbatim()
    {
        var (client, seen) = await Connect(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
        using (client)
        {
            await client.ObjectStore.Objects.DeleteAsync("c", "a/../b?#");
            Assert.Equal("http://127.0.0.1:8080/v1/AUTH_p-456/c/a/../b%3F%23", seen.Single().RequestUri!.OriginalString);
        }
    }

    [Theory]
    // Expected values computed independently with Python's hmac module over "GET\n1440619048\n/v1/AUTH_account/container/object".
    [InlineData(TempUrlDigest.Sha256, "9ef8c448d4184fd16dd4013a1e3349149f895555655621dbf6d6a166f585af72")]
    [InlineData(TempUrlDigest.Sha1, "da720a7e11f9f2c7b0fe46039811229c1c7a9cb4")]
    [InlineData(TempUrlDigest.Sha512, "sha512:CCIGWJL8qM43wwYDy65pa4KL0u0ayGe5Za6i3hjLRIxTv3EiVypmhAt54WtLfkKu4wltDg5C4RXeRD-fzHgIwA")]
    public void Temp_url_signature_matches_swifts_hmac_recipe(TempUrlDigest digest, string expected)
        => Assert.Equal(expected, SwiftTempUrl.Sign("GET", "1440619048", "/v1/AUTH_account/container/object", "mykey", digest));

    [Fact]
    public void Temp_url_signs_the_unescaped_path_and_carries_the_escaped_one()
    {
        var url = SwiftTempUrl.Create(new Uri("http://swift:8080/v1/AUTH_p/c/a%20b/%C3%BC.txt"), "put", DateTimeOffset.FromUnixTimeSeconds(1700000000), "k");
        // Python: hmac.new(b"k", "PUT\n1700000000\n/v1/AUTH_p/c/a b/ü.txt".encode(), sha256).hexdigest()
        Assert.Equal("http://swift:8080/v1/AUTH_p/c/a%20b/%C3%BC.txt?temp_url_sig=05ffeea5059fb30aeb4424e6552ea18a59c75b41a7928e12b0e29b9946893a44&temp_url_expires=1700000000",
            url.AbsoluteUri);
    }

    [Fact]
    public void Options_holding_temp_url_keys_never_print_them()
    {
        const string key = "very-secret-key-value";
        Assert.DoesNotContain(key, new ContainerCreateOptions { TempUrlKey = key }.ToString());
        Assert.DoesNotContain(key, new ContainerUpdateOptions { TempUrlKey2 = key }.ToString());
        Assert.DoesNotContain(key, new AccountUpdateOptions { TempUrlKey2 = key }.ToString());
        Assert.Contains("***", new AccountUpdateOptions { TempUrlKey2 = key }.ToString());
    }

    [Fact]
    public async Task Head_metadata_leaves_temp_url_keys_out()
    {
        var (client, _) = await Connect(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NoContent);
            response.Headers.TryAddWithoutValidation("X-Container-Meta-Temp-URL-Key", "s3cret");
            response.Headers.TryAddWithoutValidation("X-Container-Meta-Color", "red");
            response.Headers.TryAddWithoutValidation("X-Container-Object-Count", "3");
            return Task.FromResult(response);
        });
        using (client)
        {
            var meta = await client.ObjectStore.Containers.GetMetadataAsync("c");
            Assert.True(meta.HasTempUrlKey);
            Assert.Equal(3, meta.ObjectCount);
            Assert.Equal("red", Assert.Single(meta.Metadata).Value);
            Assert.DoesNotContain("s3cret", meta.ToString());
        }
    }

    [Fact]
    public async Task Object_listing_pages_with_the_last_name_or_subdir_as_marker()
    {
        var markers = new List<string?>();
        var pages = new Queue<string>(new[] { """[{"subdir":"a/"}]""", """[{"name":"b","bytes":1,"hash":"x","content_type":"t","last_modified":"2024-01-01T00:00:00.000000"}]""", "[]" });
        var (client, _) = await Connect(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            markers.Add(query["marker"]);
            return Task.FromResult(FakeHttpHandler.Json(HttpStatusCode.OK, pages.Dequeue()));
        });
        using (client)
        {
            var items = await client.ObjectStore.Objects.ListAsync("c", new StorageObjectListOptions { Delimiter = "/", Limit = 1 }).ToListAsync();
            Assert.Equal(new string?[] { null, "a/", "b" }, markers);
            Assert.Equal("a/", items[0].Subdir);
            Assert.Equal("b", items[1].Name);
            Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), items[1].LastModified);
        }
    }

    private sealed class LambdaHandler(Func<HttpRequestMessage, System.Threading.CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            => send(request, cancellationToken);
    }
}
