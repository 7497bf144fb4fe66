using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Streams;

/// <summary>
/// A read-only stream that hashes the data passing through it and, at the end of the data,
/// checks the hash against the checksum the service published (for example Glance's
/// <c>os_hash_value</c>). A download therefore fails instead of silently delivering corrupt data.
/// </summary>
public sealed class HashVerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly HashAlgorithmName _algorithm;
    private readonly string _expectedHex;
    private readonly IncrementalHash _hash;
    private InvalidDataException? _mismatch;
    private bool _verified;
    private bool _disposed;

    /// <summary>Wraps a stream to be verified.</summary>
    /// <param name="inner">The stream to read from, typically a download body.</param>
    /// <param name="algorithm">MD5, SHA1, SHA256, SHA384 or SHA512.</param>
    /// <param name="expectedHex">The expected digest in hexadecimal, either case.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    public HashVerifyingStream(Stream inner, HashAlgorithmName algorithm, string expectedHex, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedHex);
        if (!inner.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(inner));
        }

        string expected = expectedHex.Trim();
        if (!IsHex(expected))
        {
            throw new ArgumentException($"'{expectedHex}' is not a hexadecimal digest.", nameof(expectedHex));
        }

        _inner = inner;
        _leaveOpen = leaveOpen;
        _algorithm = algorithm;
        _expectedHex = expected.ToLowerInvariant();
        _hash = IncrementalHash.CreateHash(algorithm);
    }

    /// <summary>The algorithm the data is hashed with.</summary>
    public HashAlgorithmName Algorithm => _algorithm;

    /// <summary>Whether the end of the data was reached and the digest matched.</summary>
    public bool IsVerified => _verified;

    /// <summary>
    /// Maps a checksum algorithm name as Glance reports it in <c>os_hash_algo</c> (<c>md5</c>,
    /// <c>sha256</c>, <c>sha512</c>, also <c>sha1</c>, <c>sha384</c>) to a
    /// <see cref="HashAlgorithmName"/>.
    /// </summary>
    /// <param name="name">The algorithm name, case-insensitive; a hyphen is allowed (<c>sha-256</c>).</param>
    /// <returns>The algorithm, or <see langword="null"/> for an empty or unsupported name.</returns>
    public static HashAlgorithmName? ParseAlgorithm(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return name.Trim().Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "md5" => HashAlgorithmName.MD5,
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => null,
        };
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ThrowIfDone();
        int read = _inner.Read(buffer);
        return Account(buffer[..read], buffer.Length);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDone();
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read], buffer.Length);
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _hash.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _hash.Dispose();
            if (!_leaveOpen)
            {
                await _inner.DisposeAsync().ConfigureAwait(false);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Account(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            return data.Length;
        }

        // A zero-length read says nothing about the end of the data; only an empty result for a
        // non-empty buffer does.
        if (requested > 0 && !_verified)
        {
            Verify();
        }

        return 0;
    }

    private void Verify()
    {
        string actual = Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();
        if (!string.Equals(actual, _expectedHex, StringComparison.Ordinal))
        {
            _mismatch = new InvalidDataException(
                $"{_algorithm.Name} checksum mismatch: expected {_expectedHex} but the data hashes to {actual}.");
            throw _mismatch;
        }

        _verified = true;
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mismatch is not null)
        {
            // Every later read fails too, so that a caller who swallowed the first error cannot mistake the data for good.
            throw _mismatch;
        }
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
