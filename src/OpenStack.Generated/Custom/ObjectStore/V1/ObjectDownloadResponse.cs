using System;
using System.IO;
using System.Threading.Tasks;
using OpenStack.Http;

namespace OpenStack.ObjectStore.V1;

/// <summary>An object's data, streamed from Swift, with its metadata. Dispose it to release the connection.</summary>
public sealed class ObjectDownloadResponse : IDisposable, IAsyncDisposable
{
    internal ObjectDownloadResponse(StreamResponse raw, ObjectMetadata metadata, SwiftResponseHeaders headers)
    {
        Raw = raw;
        Metadata = metadata;
        ContentRange = headers["Content-Range"];
    }

    /// <summary>The raw response: status, headers, request id.</summary>
    public StreamResponse Raw { get; }

    /// <summary>The data, read from the network as it is consumed; never buffered whole.</summary>
    public Stream Content => Raw.Content;

    /// <summary>200 for the whole object, 206 for a range.</summary>
    public int Status => Raw.Status;

    /// <summary>For a range read: which bytes of how many, e.g. "bytes 10-19/100".</summary>
    public string? ContentRange { get; }

    /// <summary>The object's headers: length (of this response's body), type, ETag, metadata.</summary>
    public ObjectMetadata Metadata { get; }

    /// <inheritdoc />
    public void Dispose() => Raw.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Raw.DisposeAsync();
}
