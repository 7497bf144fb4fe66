using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Streams;

namespace OpenStack.Image.V2;

// Handwritten: a download that proves it got the bytes Glance holds. The generated DownloadAsync
// gives the raw stream; this checks it against the image's os_hash_value (or legacy MD5 checksum).
public partial class ImagesClient
{
    /// <summary>
    /// Streams the image data into <paramref name="destination"/> (never whole in memory) and checks it
    /// against the image's hash: os_hash_algo/os_hash_value when set, else the MD5 checksum.
    /// </summary>
    /// <exception cref="InvalidDataException">The data does not match the image's hash.</exception>
    /// <exception cref="InvalidOperationException">The image has no data, so there is nothing to check against.</exception>
    /// <exception cref="OpenStackException">The service answered with an error status.</exception>
    public virtual async Task DownloadToAsync(string id, Stream destination, CancellationToken cancellationToken = default)
    {
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        var image = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var (algorithm, expected) = ExpectedHash(image)
            ?? throw new InvalidOperationException($"Image {id} has no checksum or hash: it has no data to download.");
        using var response = await DownloadAsync(id, cancellationToken).ConfigureAwait(false);
        using var verifying = new HashVerifyingStream(response.Content, algorithm, expected, leaveOpen: true);
        await verifying.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The strongest hash the image advertises, or null when it has none.</summary>
    public static (HashAlgorithmName Algorithm, string Hex)? ExpectedHash(Image image)
    {
        if (image is null) throw new ArgumentNullException(nameof(image));
        if (!string.IsNullOrEmpty(image.OsHashValue) && HashVerifyingStream.ParseAlgorithm(image.OsHashAlgo) is { } algorithm)
            return (algorithm, image.OsHashValue!);
        if (!string.IsNullOrEmpty(image.Checksum)) return (HashAlgorithmName.MD5, image.Checksum!);
        return null;
    }
}
