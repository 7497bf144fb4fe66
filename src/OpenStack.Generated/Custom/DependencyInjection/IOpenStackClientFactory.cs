using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.DependencyInjection;

/// <summary>
/// The clouds registered with <see cref="OpenStackServiceCollectionExtensions.AddOpenStack(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>
/// and its overloads, by name. Each cloud's client is connected (authenticated) once, on first
/// request, and shared until the service provider is disposed.
/// </summary>
public interface IOpenStackClientFactory
{
    /// <summary>The registered cloud names; the cloud registered without a name is <c>""</c>.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>
    /// The client of cloud <paramref name="name"/>, authenticating on the first call. Concurrent first
    /// calls share one authentication; a failed one is tried again on the next call.
    /// </summary>
    /// <param name="name">The name given to <c>AddOpenStack</c>; <c>""</c> for the unnamed cloud.</param>
    /// <param name="cancellationToken">Stops this caller waiting; the authentication itself goes on for the others.</param>
    /// <returns>The shared client. Do not dispose it: the service provider does.</returns>
    /// <exception cref="System.InvalidOperationException">No cloud of that name is registered.</exception>
    /// <exception cref="OpenStackConfigurationException">The cloud's configuration is incomplete or contradictory.</exception>
    /// <exception cref="OpenStackException">Keystone refused the credentials.</exception>
    Task<OpenStackClient> GetClientAsync(string name = "", CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="GetClientAsync"/>, blocking while the first call authenticates; this is what
    /// resolving <see cref="OpenStackClient"/> (or a keyed <see cref="OpenStackClient"/>) from the
    /// container does. Prefer <see cref="GetClientAsync"/> where you can await, or call it once at start-up.
    /// </summary>
    /// <param name="name">The name given to <c>AddOpenStack</c>; <c>""</c> for the unnamed cloud.</param>
    /// <returns>The shared client. Do not dispose it: the service provider does.</returns>
    OpenStackClient GetClient(string name = "");
}
