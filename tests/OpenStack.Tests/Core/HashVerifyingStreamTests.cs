using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using OpenStack.Streams;
using Xunit;

namespace OpenStack.Tests.Core;

public class HashVerifyingStreamTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(new string('a', 10_000) + "end");

    private static string Hex(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "MD5" => Convert.ToHexString(MD5.HashData(Data)),
        "SHA256" => Convert.ToHexString(SHA256.HashData(Data)),
        "SHA512" => Convert.ToHexString(SHA512.HashData(Data)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static TheoryData<string> Algorithms => new() { "md5", "sha256", "sha512" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Matching_data_reads_through_and_verifies(string name)
    {
        HashAlgorithmName algorithm = HashVerifyingStream.ParseAlgorithm(name) ?? throw new InvalidOperationException();
        await using var stream = new HashVerifyingStream(new MemoryStream(Data), algorithm, Hex(algorithm).ToUpperInvariant());
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(Data, copy.ToArray());
        Assert.True(stream.IsVerified);
    }

    [Fact]
    public void Mismatch_throws_at_the_end_naming_algorithm_expected_and_actual()
    {
        string wrong = new('0', 128);
        using var stream = new HashVerifyingStream(new MemoryStream(Data), HashAlgorithmName.SHA512, wrong);
        var buffer = new byte[4096];

        Assert.Equal(4096, stream.Read(buffer, 0, buffer.Length));
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            while (stream.Read(buffer.AsSpan()) > 0)
            {
            }
        });

        Assert.Contains("SHA512", ex.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Hex(HashAlgorithmName.SHA512).ToLowerInvariant(), ex.Message, StringComparison.Ordinal);
        Assert.False(stream.IsVerified);
        Assert.Throws<InvalidDataException>(() => stream.ReadByte());
    }

    [Fact]
    public async Task Mismatch_is_detected_through_ReadAsync_with_arrays()
    {
        await using var stream = new HashVerifyingStream(new MemoryStream(Data), HashAlgorithmName.MD5, "00112233445566778899aabbccddeeff");
        var buffer = new byte[1000];

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            while (await stream.ReadAsync(buffer, 0, buffer.Length) > 0)
            {
            }
        });
    }

    [Fact]
    public void A_zero_length_read_does_not_trigger_verification()
    {
        using var stream = new HashVerifyingStream(new MemoryStream(Data), HashAlgorithmName.SHA256, Hex(HashAlgorithmName.SHA256));

        Assert.Equal(0, stream.Read(Array.Empty<byte>(), 0, 0));
        Assert.False(stream.IsVerified);
        Assert.Equal((int)'a', stream.ReadByte());
    }

    [Fact]
    public void The_inner_stream_is_disposed_unless_left_open()
    {
        var owned = new MemoryStream(Data);
        var borrowed = new MemoryStream(Data);

        new HashVerifyingStream(owned, HashAlgorithmName.SHA256, "ab").Dispose();
        new HashVerifyingStream(borrowed, HashAlgorithmName.SHA256, "ab", leaveOpen: true).Dispose();

        Assert.False(owned.CanRead);
        Assert.True(borrowed.CanRead);
    }

    [Fact]
    public void It_is_read_only()
    {
        using var stream = new HashVerifyingStream(new MemoryStream(Data), HashAlgorithmName.SHA256, "ab");

        Assert.False(stream.CanWrite);
        Assert.False(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
    }

    [Theory]
    [InlineData("md5", "MD5")]
    [InlineData("SHA256", "SHA256")]
    [InlineData("sha512", "SHA512")]
    [InlineData("sha-512", "SHA512")]
    public void ParseAlgorithm_maps_glance_names(string name, string expected)
    {
        Assert.Equal(expected, HashVerifyingStream.ParseAlgorithm(name)?.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("crc32")]
    public void ParseAlgorithm_returns_null_for_unknown_names(string? name)
    {
        Assert.Null(HashVerifyingStream.ParseAlgorithm(name));
    }

    [Fact]
    public void A_non_hex_expected_digest_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new HashVerifyingStream(new MemoryStream(), HashAlgorithmName.MD5, "not-hex"));
    }
}
