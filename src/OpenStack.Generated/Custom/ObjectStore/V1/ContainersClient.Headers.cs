using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.ObjectStore.V1;

// Handwritten: the generated part lists containers (a bare JSON array, marker paging by name); creating,
// reading and changing one is all headers, which the spec format does not describe.
public partial class ContainersClient
{
    /// <summary>Creates a container (PUT), or updates the given headers of an existing one.</summary>
    /// <returns>True when Swift created it (201), false when it already existed (202).</returns>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task<bool> CreateAsync(string name, ContainerCreateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var headers = await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Put, SwiftHttp.Resolve(_http, SwiftHttp.ContainerPath(name)),
            request => options?.Apply(request), cancellationToken).ConfigureAwait(false);
        return headers.Status == 201;
    }

    /// <summary>Reads a container's usage, ACLs and metadata (HEAD).</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (404: no such container).</exception>
    public virtual async Task<ContainerMetadata> GetMetadataAsync(string name, CancellationToken cancellationToken = default)
        => new(name, await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Head, SwiftHttp.Resolve(_http, SwiftHttp.ContainerPath(name)), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Changes a container's metadata, ACLs or temp-URL keys (POST); what is not set is left alone.</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status.</exception>
    public virtual async Task UpdateAsync(string name, ContainerUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Post, SwiftHttp.Resolve(_http, SwiftHttp.ContainerPath(name)),
            options.Apply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an empty container (DELETE).</summary>
    /// <exception cref="OpenStackException">Swift answered with an error status (409: the container is not empty).</exception>
    public virtual async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
        => await SwiftHttp.SendForHeadersAsync(_http, HttpMethod.Delete, SwiftHttp.Resolve(_http, SwiftHttp.ContainerPath(name)), null, cancellationToken).ConfigureAwait(false);
}
