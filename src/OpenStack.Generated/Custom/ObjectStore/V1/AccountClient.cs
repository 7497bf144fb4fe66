using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.ObjectStore.V1;

/// <summary>The Swift account: the project's storage, its usage and metadata. Containers are listed by <see cref="ContainersClient"/>.</summary>
/// <remarks>Thread-safe. Failures throw <see cref="OpenStackException"/>. Members are virtual so tests can mock them.</remarks>
public class AccountClient
{
    private readonly HttpClient _http;

    /// <summary>Creates the client over the service's HttpClient (BaseAddress: the account URL).</summary>
    public AccountClient(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>For mocking frameworks only.</summary>
    protected AccountClient() => _http = null!;

    /// <summary>Reads the account's usage and metadata (HEAD).</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task<AccountMetadata> GetMetadataAsync(CancellationToken cancellationToken = default)
        => new(await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Head, SwiftHttp.Resolve(_http, ""), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Sets and removes account metadata (POST); items not named are left alone.</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task UpdateMetadataAsync(AccountUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Post, SwiftHttp.Resolve(_http, ""), request =>
        {
            SwiftHttp.SetMetadata(request, SwiftHttp.AccountMeta, options.Metadata, options.RemoveMetadata);
            SwiftHttp.SetOrRemove(request, "X-Account-Meta-Temp-URL-Key-2", options.TempUrlKey2);
        }, cancellationToken).ConfigureAwait(false);
    }
}
