using System.Threading;

namespace OpenStack.ObjectStore.V1;

// Handwritten: the account is the endpoint itself, with no spec resource; its data is all headers.
public partial class ObjectStoreService
{
    private AccountClient? _account;

    /// <summary>The account: usage totals and metadata (HEAD/POST on the endpoint).</summary>
    public virtual AccountClient Account => LazyInitializer.EnsureInitialized(ref _account, () => new AccountClient(Http))!;
}
