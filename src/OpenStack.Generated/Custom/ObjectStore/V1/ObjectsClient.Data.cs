using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Http;
using OpenStack.Streams;

namespace OpenStack.ObjectStore.V1;

// Handwritten: the generated part lists objects (a bare JSON array, marker paging by name or subdir).
// Object data is a streamed body and its metadata is headers, which the spec format does not describe.
public partial class ObjectsClient
{
    /// <summary>The absolute URL of an object (what temp URLs and X-Copy-From refer to).</summary>
    public virtual Uri GetObjectUri(string container, string name) => SwiftHttp.Resolve(_http, SwiftHttp.ObjectPath(container, name));

    /// <summary>
    /// Uploads (creates or replaces) an object from a stream (PUT). The data is streamed, never buffered
    /// whole: a stream of unknown length goes chunked. The caller keeps ownership of the stream.
    /// </summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (422: the data did not match <see cref="ObjectUploadOptions.ETag"/>).</exception>
    public virtual async Task<ObjectWriteResult> UploadAsync(string container, string name, Stream data, ObjectUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return await PutAsync(SwiftHttp.Resolve(_http, SwiftHttp.ObjectPath(container, name)), data, options, textErrors: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ObjectWriteResult> PutAsync(Uri uri, Stream data, ObjectUploadOptions? options, bool textErrors, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(new NonClosingStream(data));
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        (options ?? new ObjectUploadOptions()).Apply(request, content);
        if (textErrors)
        {
            // The SLO middleware answers a refused manifest in the Accept type; as text its reasons read as a message.
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        }
        using var response = await SwiftHttp.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
        return new ObjectWriteResult(new SwiftResponseHeaders(response));
    }

    /// <summary>
    /// Downloads an object, or a byte range of it (GET). The body is streamed from the connection; dispose
    /// the response when done.
    /// </summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404, or 416 for a range past the end).</exception>
    public virtual async Task<ObjectDownloadResponse> DownloadAsync(string container, string name, ObjectDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var uri = SwiftHttp.Resolve(_http, SwiftHttp.ObjectPath(container, name), options?.ManifestOnly == true ? "multipart-manifest=get" : null);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (options?.Range is { } range) request.Headers.Range = range;
        var response = await SwiftHttp.SendAsync(_http, request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            var headers = new SwiftResponseHeaders(response);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ObjectDownloadResponse(new StreamResponse(response, stream), new ObjectMetadata(container, name, headers), headers);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Streams an object into <paramref name="destination"/> (never whole in memory).</summary>
    /// <exception cref="InvalidDataException">The data's MD5 differs from the ETag Swift sent (a plain object only).</exception>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task<ObjectMetadata> DownloadToAsync(string container, string name, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var response = await DownloadAsync(container, name, null, cancellationToken).ConfigureAwait(false);
        var etag = response.Metadata.ETag;
        // A large object's ETag is the MD5 of its segments' ETags, not of the data: nothing to check it against.
        if (etag is { Length: 32 } && !response.Metadata.IsStaticLargeObject && response.Metadata.ObjectManifest is null)
        {
            await using var verifying = new HashVerifyingStream(response.Content, System.Security.Cryptography.HashAlgorithmName.MD5, etag, leaveOpen: true);
            await verifying.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await response.Content.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        }
        return response.Metadata;
    }

    /// <summary>Reads an object's headers: size, type, ETag, metadata (HEAD).</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404: no such object).</exception>
    public virtual async Task<ObjectMetadata> GetMetadataAsync(string container, string name, CancellationToken cancellationToken = default)
        => new(container, name, await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Head, GetObjectUri(container, name), null, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Replaces an object's metadata (POST): afterwards its X-Object-Meta-* items are exactly
    /// <see cref="ObjectUpdateOptions.Metadata"/>. The data is not touched.
    /// </summary>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task UpdateMetadataAsync(string container, string name, ObjectUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Post, GetObjectUri(container, name), request =>
        {
            request.Content = new ByteArrayContent(Array.Empty<byte>());
            SwiftHttp.SetMetadata(request, SwiftHttp.ObjectMeta, options.Metadata.Where(kv => kv.Value.Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value), null);
            if (options.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(options.ContentType);
            if (options.DeleteAt is { } at) request.Headers.TryAddWithoutValidation("X-Delete-At", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies an object server-side (PUT with X-Copy-From); the data never passes through the client.</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404: no such source).</exception>
    public virtual async Task<ObjectWriteResult> CopyAsync(string sourceContainer, string sourceName, string destinationContainer, string destinationName,
        ObjectCopyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var source = "/" + SwiftHttp.ObjectPath(sourceContainer, sourceName);
        var headers = await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Put, GetObjectUri(destinationContainer, destinationName), request =>
        {
            request.Content = new ByteArrayContent(Array.Empty<byte>());
            request.Headers.TryAddWithoutValidation("X-Copy-From", source);
            if (options is not null)
            {
                SwiftHttp.SetMetadata(request, SwiftHttp.ObjectMeta, options.Metadata, null);
                if (options.FreshMetadata) request.Headers.TryAddWithoutValidation("X-Fresh-Metadata", "true");
                if (options.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(options.ContentType);
            }
        }, cancellationToken).ConfigureAwait(false);
        return new ObjectWriteResult(headers);
    }

    /// <summary>Deletes an object (DELETE). For a static large object this deletes only the manifest; see <see cref="DeleteLargeObjectAsync"/>.</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404: no such object).</exception>
    public virtual async Task DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
        => await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Delete, GetObjectUri(container, name), null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Deletes objects and empty containers in one request (POST ?bulk-delete, up to 10000 by default).
    /// Swift answers 200 even when some deletions fail: check <see cref="BulkDeleteResult.Errors"/>.
    /// </summary>
    /// <param name="paths">"container/object" paths, or "container" for an empty container.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="OpenStackException">Swift refused the whole request (e.g. 413: too many paths).</exception>
    public virtual async Task<BulkDeleteResult> BulkDeleteAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var body = new StringBuilder();
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            body.Append('/').Append(SwiftHttp.EscapePath(path.TrimStart('/'))).Append('\n');
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, SwiftHttp.Resolve(_http, "", "bulk-delete"))
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SwiftHttp.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
        return await ReadBulkResultAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes paths given as (container, object) pairs; see <see cref="BulkDeleteAsync(IEnumerable{string}, CancellationToken)"/>.</summary>
    public virtual Task<BulkDeleteResult> BulkDeleteAsync(string container, IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(names);
        return BulkDeleteAsync(names.Select(n => container + "/" + n), cancellationToken);
    }

    /// <summary>
    /// Writes a static large object manifest (PUT ?multipart-manifest=put): the object reads as its
    /// segments joined in order. Swift checks each segment's ETag and size when given.
    /// </summary>
    /// <exception cref="OpenStackException">Swift refused the manifest (400 with the reason, e.g. a wrong ETag or a missing segment).</exception>
    public virtual async Task<ObjectWriteResult> CreateStaticLargeObjectAsync(string container, string name, IEnumerable<SloSegment> segments,
        ObjectUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        using var manifest = new MemoryStream();
        using (var writer = new Utf8JsonWriter(manifest))
        {
            writer.WriteStartArray();
            foreach (var s in segments)
            {
                writer.WriteStartObject();
                writer.WriteString("path", "/" + s.Container + "/" + s.Name);
                if (s.ETag is not null) writer.WriteString("etag", s.ETag);
                if (s.SizeBytes is { } size) writer.WriteNumber("size_bytes", size);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        manifest.Position = 0;
        var uri = SwiftHttp.Resolve(_http, SwiftHttp.ObjectPath(container, name), "multipart-manifest=put");
        return await PutAsync(uri, manifest, options, textErrors: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a stream as a static large object: it is cut into segments of <paramref name="segmentSize"/>
    /// bytes, each streamed to "<paramref name="name"/>/slo/&lt;time&gt;/&lt;n&gt;" in
    /// <paramref name="segmentContainer"/> (default: the same container), then the manifest is written.
    /// At most one byte is held beyond the transfer buffers.
    /// </summary>
    /// <returns>The manifest's write result and the segments it lists.</returns>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task<(ObjectWriteResult Manifest, IReadOnlyList<SloSegment> Segments)> UploadLargeObjectAsync(string container, string name, Stream data, long segmentSize,
        string? segmentContainer = null, ObjectUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        segmentContainer ??= container;
        var prefix = name + "/slo/" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "/";
        var segments = new List<SloSegment>();
        var first = new byte[1];
        while (true)
        {
            // Read one byte ahead so that a stream ending on a segment boundary leaves no empty segment.
            if (await data.ReadAsync(first.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) == 0) break;
            var segmentName = prefix + segments.Count.ToString("D8", CultureInfo.InvariantCulture);
            await using var segment = new SegmentStream(first[0], data, segmentSize);
            var written = await UploadAsync(segmentContainer, segmentName, segment, null, cancellationToken).ConfigureAwait(false);
            segments.Add(new SloSegment(segmentContainer, segmentName, written.ETag, segment.BytesRead));
        }
        var manifest = await CreateStaticLargeObjectAsync(container, name, segments, options, cancellationToken).ConfigureAwait(false);
        return (manifest, segments);
    }

    /// <summary>
    /// Deletes a static large object and all its segments (DELETE ?multipart-manifest=delete).
    /// </summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404: no such object).</exception>
    public virtual async Task<BulkDeleteResult> DeleteLargeObjectAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, SwiftHttp.Resolve(_http, SwiftHttp.ObjectPath(container, name), "multipart-manifest=delete"));
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SwiftHttp.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
        return await ReadBulkResultAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a temp URL that lets anyone holding it use <paramref name="method"/> on the object until
    /// <paramref name="expires"/>, without a token. The key is used once and never kept.
    /// </summary>
    /// <param name="container">The container.</param>
    /// <param name="name">The object.</param>
    /// <param name="method">GET (also allows HEAD), HEAD, PUT, POST or DELETE.</param>
    /// <param name="expires">When the URL stops working.</param>
    /// <param name="key">A temp-URL key set on the account or the container.</param>
    /// <param name="digest">The HMAC digest (default SHA-256).</param>
    public virtual Uri CreateTempUrl(string container, string name, HttpMethod method, DateTimeOffset expires, string key, TempUrlDigest digest = TempUrlDigest.Sha256)
    {
        ArgumentNullException.ThrowIfNull(method);
        return SwiftTempUrl.Create(GetObjectUri(container, name), method.Method, expires, key, digest);
    }

    private static async Task<BulkDeleteResult> ReadBulkResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new SwiftResponseHeaders(response);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return new BulkDeleteResult(0, 0, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), null, Array.Empty<BulkDeleteError>(), headers.RequestId);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        int Int(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        string? Str(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var errors = new List<BulkDeleteError>();
        if (root.TryGetProperty("Errors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() >= 2)
                    errors.Add(new BulkDeleteError(e[0].ToString(), e[1].ToString()));
            }
        }
        var body = Str("Response Body");
        return new BulkDeleteResult(Int("Number Deleted"), Int("Number Not Found"), Str("Response Status"), string.IsNullOrEmpty(body) ? null : body, errors, headers.RequestId);
    }

    /// <summary>One byte already read, then at most the rest of a segment from the source; does not close the source.</summary>
    private sealed class SegmentStream(byte first, Stream source, long length) : Stream
    {
        private bool _firstSent;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.Length == 0 || BytesRead >= length) return 0;
            if (!_firstSent)
            {
                _firstSent = true;
                buffer[0] = first;
                BytesRead = 1;
                return 1;
            }
            var n = source.Read(buffer[..(int)Math.Min(buffer.Length, length - BytesRead)]);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0 || BytesRead >= length) return 0;
            if (!_firstSent)
            {
                _firstSent = true;
                buffer.Span[0] = first;
                BytesRead = 1;
                return 1;
            }
            var n = await source.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - BytesRead)], cancellationToken).ConfigureAwait(false);
            BytesRead += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
