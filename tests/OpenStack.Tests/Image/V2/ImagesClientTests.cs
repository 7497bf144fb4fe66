using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Image.V2;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Image.V2;

/// <summary>The generated ImagesClient over an in-process Glance: what goes on the wire, and how answers come back.</summary>
public sealed class ImagesClientTests
{
    private const string ImageJson = """{"id":"img-1","name":"one","status":"active","tags":[],"os_distro":"debian","size":3}""";

    private static async Task<(OpenStackClient Client, FakeKeystone Keystone)> Connect(Func<RecordedRequest, HttpResponseMessage> glance)
    {
        var keystone = new FakeKeystone((request, _) => Task.FromResult(glance(request)));
        var connection = await keystone.ConnectAsync();
        return (new OpenStackClient(connection), keystone);
    }

    private static List<(string Key, string Value)> Query(Uri uri)
        => uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .ToList();

    [Fact]
    public async Task List_query_repeats_list_keys_and_writes_bools_and_enums_as_glance_expects()
    {
        var (client, keystone) = await Connect(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"images":[]}"""));
        await foreach (var _ in client.Image.Images.ListAsync(new ImageListOptions
        {
            Name = "a b&c",
            Tag = new List<string> { "x", "y" },
            Visibility = ImageListOptionsVisibility.Public,
            Protected = true,
            OsHidden = false,
            SizeMin = 5,
            Limit = 2,
        }))
        {
        }

        var list = keystone.Handler.Requests.Single(r => !r.IsTokenRequest);
        Assert.Equal("/v2/images", list.Uri.AbsolutePath);
        var query = Query(list.Uri);
        Assert.Equal(new[] { "x", "y" }, query.Where(q => q.Key == "tag").Select(q => q.Value));
        Assert.Contains(("name", "a b&c"), query);
        Assert.Contains(("visibility", "public"), query);
        Assert.Contains(("protected", "true"), query);
        Assert.Contains(("os_hidden", "false"), query);
        Assert.Contains(("size_min", "5"), query);
        Assert.Contains(("limit", "2"), query);
        Assert.Equal("token-1", list.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task List_follows_next_links_lazily_and_only_as_far_as_needed()
    {
        var (client, keystone) = await Connect(request => request.Uri.Query.Contains("marker=b", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"images":[{"id":"c"}]}""")
            : request.Uri.Query.Contains("marker=", StringComparison.Ordinal)
                ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"images":[{"id":"b"}],"next":"/v2/images?marker=b&limit=1"}""")
                : FakeHttpHandler.Json(HttpStatusCode.OK, """{"images":[{"id":"a"}],"next":"/v2/images?marker=a&limit=1","first":"/v2/images"}"""));
        int ListRequests() => keystone.Handler.Requests.Count(r => !r.IsTokenRequest);

        await using var items = client.Image.Images.ListAsync(new ImageListOptions { Limit = 1 }).GetAsyncEnumerator();
        Assert.Equal(0, ListRequests());
        Assert.True(await items.MoveNextAsync());
        Assert.Equal("a", items.Current.Id);
        Assert.Equal(1, ListRequests());
        Assert.True(await items.MoveNextAsync());
        Assert.Equal("b", items.Current.Id);
        Assert.Equal(2, ListRequests());
        Assert.True(await items.MoveNextAsync());
        Assert.False(await items.MoveNextAsync());
        Assert.Equal(3, ListRequests());

        var second = keystone.Handler.Requests.Where(r => !r.IsTokenRequest).ElementAt(1);
        Assert.Equal("http://127.0.0.1:9292/v2/images?marker=a&limit=1", second.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Update_sends_an_rfc6902_patch_with_glances_media_type()
    {
        var (client, keystone) = await Connect(_ => FakeHttpHandler.Json(HttpStatusCode.OK, ImageJson));
        await client.Image.Images.UpdateAsync("img-1", new ImageUpdateOptions
        {
            Name = "renamed",
            MinRam = 512,
            Tags = new List<string> { "t" },
        }.SetProperty("os/odd~key", "v").RemoveProperty("os_distro"));

        var patch = keystone.Handler.Requests.Single(r => !r.IsTokenRequest);
        Assert.Equal(HttpMethod.Patch, patch.Method);
        Assert.Equal("/v2/images/img-1", patch.Uri.AbsolutePath);
        Assert.Equal("application/openstack-images-v2.1-json-patch", patch.ContentType);
        var expected = JsonNode.Parse("""
            [{"op":"replace","path":"/name","value":"renamed"},
             {"op":"replace","path":"/min_ram","value":512},
             {"op":"replace","path":"/tags","value":["t"]},
             {"op":"add","path":"/os~1odd~0key","value":"v"},
             {"op":"remove","path":"/os_distro"}]
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(patch.Body!)), patch.Body);
    }

    [Fact]
    public async Task Create_sends_only_set_fields_and_extra_properties_at_top_level()
    {
        var (client, keystone) = await Connect(_ => FakeHttpHandler.Json(HttpStatusCode.Created, ImageJson));
        var image = await client.Image.Images.CreateAsync(new ImageCreateOptions { Name = "one", DiskFormat = ImageDiskFormat.Qcow2 }
            .SetProperty("os_distro", "debian"));

        var create = keystone.Handler.Requests.Single(r => !r.IsTokenRequest);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"one","disk_format":"qcow2","os_distro":"debian"}"""), JsonNode.Parse(create.Body!)), create.Body);
        Assert.NotNull(create.ContentLength); // uwsgi-hosted services read a chunked JSON body as empty
        Assert.Equal("debian", Json.JsonElements.GetString(image.AdditionalProperties, "os_distro"));
        Assert.Equal(ImageStatus.Active, image.Status);
    }

    [Fact]
    public async Task Errors_are_OpenStackExceptions_with_glances_message_and_request_id()
    {
        var (client, _) = await Connect(_ => FakeHttpHandler.Json(HttpStatusCode.NotFound,
            """{"message": "No image found with ID nope", "code": "404 Not Found", "title": "Not Found"}""",
            ("X-Openstack-Request-Id", "req-42")));
        var error = await Assert.ThrowsAsync<OpenStackException>(() => client.Image.Images.GetAsync("nope"));
        Assert.Equal(404, error.Status);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal("No image found with ID nope", error.ServerMessage);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.DoesNotContain("token-1", error.ToString());
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException_not_a_Refit_wrapper()
    {
        var gate = new TaskCompletionSource();
        var keystone = new FakeKeystone(async (_, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return FakeHttpHandler.Json(HttpStatusCode.OK, ImageJson);
        });
        using var client = new OpenStackClient(await keystone.ConnectAsync());
        using var cts = new CancellationTokenSource();

        var call = client.Image.Images.GetAsync("img-1", cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Upload_streams_the_callers_stream_and_leaves_it_open()
    {
        var source = new CountingStream(5 * 1024 * 1024);
        long readBeforeSend = -1;
        long received = 0;
        string? contentType = null;
        var transport = new LambdaHandler(async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal))
                return FakeHttpHandler.Json(HttpStatusCode.Created,
                    FakeKeystone.TokenBody(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), ("X-Subject-Token", "token-1"));
            readBeforeSend = source.BytesRead;
            contentType = request.Content!.Headers.ContentType?.MediaType;
            await using var body = await request.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0) received += n;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var options = FakeKeystone.Options(new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));
        options.Transport = transport;
        using var client = await OpenStackClient.ConnectAsync(options);

        await client.Image.Images.UploadAsync("img-1", source);

        Assert.Equal(0, readBeforeSend); // nothing was read into a buffer before the request left
        Assert.Equal(source.Length, received);
        Assert.Equal("application/octet-stream", contentType);
        Assert.True(source.CanRead, "the caller's stream must stay open");
    }

    [Fact]
    public async Task Download_streams_instead_of_buffering_the_body()
    {
        var data = new CountingStream(256L * 1024 * 1024);
        var (client, _) = await Connect(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(data) });

        using var download = await client.Image.Images.DownloadAsync("img-1");
        var buffer = new byte[4096];
        var n = await download.Content.ReadAsync(buffer);

        Assert.True(n > 0);
        Assert.True(data.BytesRead < 1024 * 1024, $"{data.BytesRead} bytes were read for a 4 KiB read: the body was buffered");
    }

    [Fact]
    public async Task DownloadToAsync_rejects_data_that_does_not_match_the_images_hash()
    {
        var (client, _) = await Connect(request => request.Uri.AbsolutePath.EndsWith("/file", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("tampered")) }
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"img-1","status":"active","os_hash_algo":"sha512","os_hash_value":"00ff"}"""));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.Image.Images.DownloadToAsync("img-1", new MemoryStream()));
        Assert.Contains("00ff", error.Message);
    }

    [Fact]
    public async Task DownloadToAsync_accepts_data_matching_the_legacy_md5_checksum()
    {
        var bytes = Encoding.ASCII.GetBytes("hello glance");
        var md5 = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(bytes)).ToLowerInvariant();
        var (client, _) = await Connect(request => request.Uri.AbsolutePath.EndsWith("/file", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
            : FakeHttpHandler.Json(HttpStatusCode.OK, $$"""{"id":"img-1","status":"active","checksum":"{{md5}}"}"""));

        var copy = new MemoryStream();
        await client.Image.Images.DownloadToAsync("img-1", copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    /// <summary>A read-only stream of zeros that counts what was read from it.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly long _length;

        public CountingStream(long length) => _length = length;

        public long BytesRead { get; private set; }

        public override bool CanRead => !Disposed;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        private bool Disposed { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - BytesRead);
            Array.Clear(buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class LambdaHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _send;

        public LambdaHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) => _send = send;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => _send(request, cancellationToken);
    }
}
