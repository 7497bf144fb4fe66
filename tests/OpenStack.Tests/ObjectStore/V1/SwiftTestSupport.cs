using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.ObjectStore.V1;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.ObjectStore.V1;

/// <summary>Helpers for the Swift tests: unique containers that are always emptied and deleted, and test streams.</summary>
internal static class SwiftTestSupport
{
    public static string UniqueContainer() => CloudFixture.UniqueName("sdk-test");

    /// <summary>Deletes every object of a container (segments included) and then the container; never throws.</summary>
    public static async Task DeleteContainerAndContentsAsync(ObjectStoreService swift, string container)
    {
        try
        {
            var names = new List<string>();
            await foreach (var o in swift.Objects.ListAsync(container))
                if (o.Name is not null) names.Add(o.Name);
            if (names.Count > 0) await swift.Objects.BulkDeleteAsync(container, names);
            await swift.Containers.DeleteAsync(container);
        }
        catch (OpenStackException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>The names of the middlewares Swift's /info reports (tempurl, bulk_delete, slo, …).</summary>
    public static async Task<JsonObject> InfoAsync(ObjectStoreService swift)
    {
        // /info lives at the proxy root, outside /v1/AUTH_…, and needs no token.
        var root = new Uri(swift.Http.BaseAddress!, "/info");
        using var plain = new HttpClient();
        return JsonNode.Parse(await plain.GetStringAsync(root))!.AsObject();
    }

    /// <summary>
    /// Skips when the cluster lacks a middleware, except under CI, where the devcloud script configures it and
    /// its absence is a failure.
    /// </summary>
    public static async Task RequireMiddlewareAsync(ObjectStoreService swift, string name)
    {
        var info = await InfoAsync(swift);
        if (info.ContainsKey(name)) return;
        var message = $"Swift's /info has no '{name}': add it to the proxy pipeline in scripts/devcloud.sh and restart the cloud.";
        if (CloudFixture.InCi) Assert.Fail(message);
        Skip.If(true, message);
    }
}

/// <summary>
/// A read-only, unseekable stream of deterministic pseudo-random bytes that never exist all at once: each
/// block is produced on demand and hashed as it goes, so the MD5 of what was read is known at the end.
/// </summary>
internal sealed class GeneratedStream : Stream
{
    private readonly long _length;
    private readonly Random _random;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private string? _hex;

    public GeneratedStream(long length, int seed)
    {
        _length = length;
        _random = new Random(seed);
    }

    public long BytesRead { get; private set; }
    public int ReadCalls { get; private set; }
    public int LargestRead { get; private set; }

    /// <summary>MD5 hex of everything read (call once the stream is exhausted).</summary>
    public string Md5Hex => _hex ??= Convert.ToHexString(_md5.GetHashAndReset()).ToLowerInvariant();

    /// <summary>The bytes a stream with this seed produces, for small comparisons.</summary>
    public static byte[] Bytes(long length, int seed)
    {
        var s = new GeneratedStream(length, seed);
        var all = new MemoryStream();
        s.CopyTo(all);
        return all.ToArray();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, _length - BytesRead);
        if (n <= 0) return 0;
        _random.NextBytes(buffer[..n]);
        _md5.AppendData(buffer[..n]);
        BytesRead += n;
        ReadCalls++;
        LargestRead = Math.Max(LargestRead, n);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A write-only sink that keeps only the MD5 and length of what it was given.</summary>
internal sealed class HashingSink : Stream
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    public long Length2 { get; private set; }
    public string Md5Hex => Convert.ToHexString(_md5.GetHashAndReset()).ToLowerInvariant();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Length2;
    public override long Position { get => Length2; set => throw new NotSupportedException(); }
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _md5.AppendData(buffer);
        Length2 += buffer.Length;
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
