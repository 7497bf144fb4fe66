using System;
using System.Collections.Generic;
using System.Net.Http.Headers;

namespace OpenStack.ObjectStore.V1;

/// <summary>What HEAD on the account reports: usage totals and the account's metadata.</summary>
/// <remarks>Temp-URL keys are secrets and are never included; see <see cref="HasTempUrlKey"/>.</remarks>
public sealed class AccountMetadata
{
    internal AccountMetadata(SwiftResponseHeaders h)
    {
        ContainerCount = h.Long("X-Account-Container-Count");
        ObjectCount = h.Long("X-Account-Object-Count");
        BytesUsed = h.Long("X-Account-Bytes-Used");
        QuotaBytes = h.Long("X-Account-Meta-Quota-Bytes");
        Timestamp = h.UnixTime("X-Timestamp");
        Metadata = h.Metadata(SwiftHttp.AccountMeta);
        HasTempUrlKey = h.Has("X-Account-Meta-Temp-URL-Key") || h.Has("X-Account-Meta-Temp-URL-Key-2");
        RequestId = h.RequestId;
    }

    /// <summary>Number of containers.</summary>
    public long? ContainerCount { get; }

    /// <summary>Number of objects in all containers.</summary>
    public long? ObjectCount { get; }

    /// <summary>Bytes stored in all containers.</summary>
    public long? BytesUsed { get; }

    /// <summary>The account quota in bytes, when one is set.</summary>
    public long? QuotaBytes { get; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The X-Account-Meta-* items, keyed by the name after the prefix (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Whether a temp-URL key (either slot) is set; its value is never exposed.</summary>
    public bool HasTempUrlKey { get; }

    /// <summary>Swift's id of the request (X-Openstack-Request-Id / X-Trans-Id).</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override string ToString() => $"account: {ContainerCount} containers, {ObjectCount} objects, {BytesUsed} bytes, {Metadata.Count} metadata items";
}

/// <summary>What HEAD on a container reports: usage, ACLs and metadata.</summary>
/// <remarks>Temp-URL keys are secrets and are never included; see <see cref="HasTempUrlKey"/>.</remarks>
public sealed class ContainerMetadata
{
    internal ContainerMetadata(string name, SwiftResponseHeaders h)
    {
        Name = name;
        ObjectCount = h.Long("X-Container-Object-Count");
        BytesUsed = h.Long("X-Container-Bytes-Used");
        ReadAcl = h["X-Container-Read"];
        WriteAcl = h["X-Container-Write"];
        StoragePolicy = h["X-Storage-Policy"];
        VersionsLocation = h["X-Versions-Location"];
        HistoryLocation = h["X-History-Location"];
        Timestamp = h.UnixTime("X-Timestamp");
        Metadata = h.Metadata(SwiftHttp.ContainerMeta);
        HasTempUrlKey = h.Has("X-Container-Meta-Temp-URL-Key") || h.Has("X-Container-Meta-Temp-URL-Key-2");
        RequestId = h.RequestId;
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>Number of objects.</summary>
    public long? ObjectCount { get; }

    /// <summary>Bytes stored.</summary>
    public long? BytesUsed { get; }

    /// <summary>The read ACL (X-Container-Read), e.g. ".r:*,.rlistings" or "project:user".</summary>
    public string? ReadAcl { get; }

    /// <summary>The write ACL (X-Container-Write).</summary>
    public string? WriteAcl { get; }

    /// <summary>The storage policy the container's objects use.</summary>
    public string? StoragePolicy { get; }

    /// <summary>Where older versions go (X-Versions-Location), when versioning is on.</summary>
    public string? VersionsLocation { get; }

    /// <summary>Where older versions go (X-History-Location), when history versioning is on.</summary>
    public string? HistoryLocation { get; }

    /// <summary>When the container was created.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The X-Container-Meta-* items, keyed by the name after the prefix (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Whether a container temp-URL key (either slot) is set; its value is never exposed.</summary>
    public bool HasTempUrlKey { get; }

    /// <summary>Swift's id of the request.</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override string ToString() => $"container {Name}: {ObjectCount} objects, {BytesUsed} bytes, {Metadata.Count} metadata items";
}

/// <summary>What HEAD on an object reports (GET reports the same with the data).</summary>
public sealed class ObjectMetadata
{
    internal ObjectMetadata(string container, string name, SwiftResponseHeaders h)
    {
        Container = container;
        Name = name;
        ContentLength = h.Long("Content-Length");
        ContentType = h["Content-Type"];
        ETag = h.ETag;
        LastModified = h.HttpDate("Last-Modified");
        Timestamp = h.UnixTime("X-Timestamp");
        DeleteAt = h.UnixTime("X-Delete-At");
        IsStaticLargeObject = string.Equals(h["X-Static-Large-Object"], "True", StringComparison.OrdinalIgnoreCase);
        ObjectManifest = h["X-Object-Manifest"];
        ContentDisposition = h["Content-Disposition"];
        ContentEncoding = h["Content-Encoding"];
        Metadata = h.Metadata(SwiftHttp.ObjectMeta);
        RequestId = h.RequestId;
    }

    /// <summary>The container holding the object.</summary>
    public string Container { get; }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>Size in bytes (of the whole, for a large object).</summary>
    public long? ContentLength { get; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; }

    /// <summary>MD5 hex digest of the data; for a static large object, the MD5 of its segments' ETags.</summary>
    public string? ETag { get; }

    /// <summary>When the object was last written.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>When the object was last written, with sub-second precision (X-Timestamp).</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>When Swift will delete the object (X-Delete-At), if scheduled.</summary>
    public DateTimeOffset? DeleteAt { get; }

    /// <summary>Whether this is a static large object manifest.</summary>
    public bool IsStaticLargeObject { get; }

    /// <summary>The segment prefix of a dynamic large object (X-Object-Manifest).</summary>
    public string? ObjectManifest { get; }

    /// <summary>Content-Disposition stored with the object.</summary>
    public string? ContentDisposition { get; }

    /// <summary>Content-Encoding stored with the object.</summary>
    public string? ContentEncoding { get; }

    /// <summary>The X-Object-Meta-* items, keyed by the name after the prefix (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Swift's id of the request.</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override string ToString() => $"object {Container}/{Name}: {ContentLength} bytes, {ContentType}, etag {ETag}";
}

/// <summary>What Swift answered to an object upload, copy or manifest.</summary>
public sealed class ObjectWriteResult
{
    internal ObjectWriteResult(SwiftResponseHeaders h)
    {
        ETag = h.ETag;
        LastModified = h.HttpDate("Last-Modified");
        RequestId = h.RequestId;
        CopiedFrom = h["X-Copied-From"];
    }

    /// <summary>MD5 hex digest of the data Swift stored (for a manifest: of its segments' ETags).</summary>
    public string? ETag { get; }

    /// <summary>When the object was written.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>For a copy: the source, as "container/object".</summary>
    public string? CopiedFrom { get; }

    /// <summary>Swift's id of the request.</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override string ToString() => $"etag {ETag}";
}

/// <summary>Changes to the account's metadata (POST on the account). Unset properties are left alone.</summary>
public sealed class AccountUpdateOptions
{
    /// <summary>X-Account-Meta-* items to set; an empty value removes the item.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>X-Account-Meta-* items to remove.</summary>
    public ICollection<string> RemoveMetadata { get; init; } = new List<string>();

    /// <summary>The account's second temp-URL key (X-Account-Meta-Temp-URL-Key-2); empty removes it. A secret: never printed.</summary>
    public string? TempUrlKey2 { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"set {Metadata.Count}, remove {RemoveMetadata.Count} metadata items{(TempUrlKey2 is null ? "" : ", temp-URL key 2 ***")}";
}

/// <summary>The headers of a new container. Unset properties are not sent.</summary>
public class ContainerCreateOptions
{
    /// <summary>X-Container-Meta-* items.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Read ACL (X-Container-Read), e.g. ".r:*,.rlistings" for public read and listing.</summary>
    public string? ReadAcl { get; set; }

    /// <summary>Write ACL (X-Container-Write), e.g. "project-id:user-id".</summary>
    public string? WriteAcl { get; set; }

    /// <summary>Container-level temp-URL key (X-Container-Meta-Temp-URL-Key). A secret: never printed.</summary>
    public string? TempUrlKey { get; set; }

    /// <summary>Second container-level temp-URL key (X-Container-Meta-Temp-URL-Key-2). A secret: never printed.</summary>
    public string? TempUrlKey2 { get; set; }

    /// <summary>The storage policy (only when creating; a container keeps its policy).</summary>
    public string? StoragePolicy { get; set; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Metadata.Count} metadata items, read ACL {ReadAcl ?? "(unset)"}, write ACL {WriteAcl ?? "(unset)"}"
           + (TempUrlKey is null && TempUrlKey2 is null ? "" : ", temp-URL key ***");

    internal virtual void Apply(System.Net.Http.HttpRequestMessage request)
    {
        SwiftHttp.SetMetadata(request, SwiftHttp.ContainerMeta, Metadata, null);
        SwiftHttp.SetOrRemove(request, "X-Container-Read", ReadAcl);
        SwiftHttp.SetOrRemove(request, "X-Container-Write", WriteAcl);
        SwiftHttp.SetOrRemove(request, "X-Container-Meta-Temp-URL-Key", TempUrlKey);
        SwiftHttp.SetOrRemove(request, "X-Container-Meta-Temp-URL-Key-2", TempUrlKey2);
        if (StoragePolicy is not null) request.Headers.TryAddWithoutValidation("X-Storage-Policy", StoragePolicy);
    }
}

/// <summary>
/// Changes to a container (POST on the container). Unset properties are left alone; an empty ACL or
/// key removes it.
/// </summary>
public sealed class ContainerUpdateOptions : ContainerCreateOptions
{
    /// <summary>X-Container-Meta-* items to remove.</summary>
    public ICollection<string> RemoveMetadata { get; init; } = new List<string>();

    internal override void Apply(System.Net.Http.HttpRequestMessage request)
    {
        if (StoragePolicy is not null) throw new InvalidOperationException("A container's storage policy cannot be changed.");
        base.Apply(request);
        SwiftHttp.SetMetadata(request, SwiftHttp.ContainerMeta, null, RemoveMetadata);
    }
}

/// <summary>Headers stored with an uploaded object. Unset properties are not sent.</summary>
public sealed class ObjectUploadOptions
{
    /// <summary>MIME type; default application/octet-stream.</summary>
    public string? ContentType { get; set; }

    /// <summary>X-Object-Meta-* items.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The MD5 hex digest the data must have: Swift refuses the upload (422) when it differs.</summary>
    public string? ETag { get; set; }

    /// <summary>Content-Disposition to store and return on download.</summary>
    public string? ContentDisposition { get; set; }

    /// <summary>Content-Encoding to store and return on download.</summary>
    public string? ContentEncoding { get; set; }

    /// <summary>Delete the object at this time (X-Delete-At).</summary>
    public DateTimeOffset? DeleteAt { get; set; }

    /// <summary>Delete the object after this long (X-Delete-After).</summary>
    public TimeSpan? DeleteAfter { get; set; }

    internal void Apply(System.Net.Http.HttpRequestMessage request, System.Net.Http.HttpContent content)
    {
        SwiftHttp.SetMetadata(request, SwiftHttp.ObjectMeta, Metadata, null);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType ?? "application/octet-stream");
        if (ETag is not null) request.Headers.TryAddWithoutValidation("ETag", ETag);
        if (ContentDisposition is not null) content.Headers.TryAddWithoutValidation("Content-Disposition", ContentDisposition);
        if (ContentEncoding is not null) content.Headers.TryAddWithoutValidation("Content-Encoding", ContentEncoding);
        if (DeleteAt is { } at) request.Headers.TryAddWithoutValidation("X-Delete-At", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (DeleteAfter is { } after) request.Headers.TryAddWithoutValidation("X-Delete-After", ((long)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>How to read an object.</summary>
public sealed class ObjectDownloadOptions
{
    /// <summary>Only these bytes, e.g. <c>new RangeHeaderValue(0, 99)</c> (answered with 206 Partial Content).</summary>
    public RangeHeaderValue? Range { get; set; }

    /// <summary>For a large object: the manifest itself instead of the joined segments.</summary>
    public bool ManifestOnly { get; set; }
}

/// <summary>
/// New metadata for an object (POST on the object). Swift replaces all of an object's X-Object-Meta-*
/// items with the ones sent.
/// </summary>
public sealed class ObjectUpdateOptions
{
    /// <summary>The object's X-Object-Meta-* items after the call; items not listed are removed.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A new MIME type, if any.</summary>
    public string? ContentType { get; set; }

    /// <summary>Delete the object at this time (X-Delete-At).</summary>
    public DateTimeOffset? DeleteAt { get; set; }
}

/// <summary>How to copy an object.</summary>
public sealed class ObjectCopyOptions
{
    /// <summary>X-Object-Meta-* items to add to (or, with <see cref="FreshMetadata"/>, instead of) the source's.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Do not copy the source's metadata.</summary>
    public bool FreshMetadata { get; set; }

    /// <summary>A new MIME type for the copy.</summary>
    public string? ContentType { get; set; }
}

/// <summary>One segment of a static large object manifest.</summary>
/// <param name="Container">The container holding the segment.</param>
/// <param name="Name">The segment object's name.</param>
/// <param name="ETag">Its MD5 hex digest; Swift checks it when set.</param>
/// <param name="SizeBytes">Its size; Swift checks it when set.</param>
public sealed record SloSegment(string Container, string Name, string? ETag = null, long? SizeBytes = null);

/// <summary>The outcome of a bulk delete: Swift answers 200 even when some deletions failed.</summary>
public sealed class BulkDeleteResult
{
    internal BulkDeleteResult(int deleted, int notFound, string? status, string? body, IReadOnlyList<BulkDeleteError> errors, string? requestId)
    {
        NumberDeleted = deleted;
        NumberNotFound = notFound;
        ResponseStatus = status;
        ResponseBody = body;
        Errors = errors;
        RequestId = requestId;
    }

    /// <summary>How many objects or containers were deleted.</summary>
    public int NumberDeleted { get; }

    /// <summary>How many were already gone.</summary>
    public int NumberNotFound { get; }

    /// <summary>The overall status, e.g. "200 OK" or "400 Bad Request".</summary>
    public string? ResponseStatus { get; }

    /// <summary>Swift's explanation, when the overall status is not 200.</summary>
    public string? ResponseBody { get; }

    /// <summary>The paths that could not be deleted, with why.</summary>
    public IReadOnlyList<BulkDeleteError> Errors { get; }

    /// <summary>Swift's id of the request.</summary>
    public string? RequestId { get; }

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Errors.Count == 0 && (ResponseStatus?.StartsWith('2') ?? true);

    /// <inheritdoc />
    public override string ToString() => $"{NumberDeleted} deleted, {NumberNotFound} not found, {Errors.Count} errors ({ResponseStatus})";
}

/// <summary>A path a bulk delete could not delete.</summary>
/// <param name="Path">"/container/object" as sent.</param>
/// <param name="Status">Swift's status for it, e.g. "409 Conflict".</param>
public sealed record BulkDeleteError(string Path, string Status);

/// <summary>The digest a temp URL is signed with. Swift accepts the ones its /info lists (sha256 and sha512 by default).</summary>
public enum TempUrlDigest
{
    /// <summary>HMAC-SHA256, hex (the default).</summary>
    Sha256,

    /// <summary>HMAC-SHA512, as "sha512:" + unpadded URL-safe base64.</summary>
    Sha512,

    /// <summary>HMAC-SHA1, hex (deprecated by Swift).</summary>
    Sha1,
}
