using System.Threading;

namespace OpenStack.ObjectStore.V1;

// Handwritten: the account is the endpoint itself, with no spec resource; its data is all headers.

/// <remarks>
/// Swift keeps most of its data in headers, so beside the generated listings
/// (<see cref="ContainersClient.ListAsync"/>, <see cref="ObjectsClient.ListAsync"/>: bare JSON arrays paged by
/// marker) the clients have handwritten calls:
/// <code>
/// var swift = cloud.ObjectStore;
/// await swift.Containers.CreateAsync("backups", new ContainerCreateOptions { Metadata = { ["Owner"] = "ops" } });
/// await using (var file = File.OpenRead("db.dump"))
///     await swift.Objects.UploadAsync("backups", "2024/db.dump", file);            // streamed
/// await foreach (var o in swift.Objects.ListAsync("backups", new StorageObjectListOptions { Prefix = "2024/" }))
///     Console.WriteLine($"{o.Name} {o.Bytes}");
/// await using (var copy = File.Create("db.copy"))
///     await swift.Objects.DownloadToAsync("backups", "2024/db.dump", copy);        // streamed, MD5-checked
/// var url = swift.Objects.CreateTempUrl("backups", "2024/db.dump", HttpMethod.Get, DateTimeOffset.UtcNow.AddHours(1), key);
/// </code>
/// </remarks>
public partial class ObjectStoreService
{
    private AccountClient? _account;

    /// <summary>The account: usage totals and metadata (HEAD/POST on the endpoint).</summary>
    public virtual AccountClient Account => LazyInitializer.EnsureInitialized(ref _account, () => new AccountClient(Http))!;
}
