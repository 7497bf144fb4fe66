using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;

namespace OpenStack;

public partial class OpenStackClient
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _extraServices = new();

    /// <summary>
    /// The service object of type <typeparamref name="T"/> for this client, created on first use over
    /// <paramref name="service"/>'s catalog endpoint (sharing the connection's pipeline) and then cached: one instance
    /// per type and client, thread-safe, the factory runs once. This is how services generated in another assembly
    /// (a project's own spec files, through the OpenStack.Sdk package) hang off the client.
    /// </summary>
    /// <typeparam name="T">The service class; it is also the cache key.</typeparam>
    /// <param name="service">How the service is found in the catalog.</param>
    /// <param name="factory">Creates the service over an HttpClient whose BaseAddress is its versioned endpoint.</param>
    /// <returns>The cached service.</returns>
    /// <example>
    /// <code>
    /// public static DnsService Dns(this OpenStackClient client)
    ///     => client.GetOrCreateService(DnsService.Descriptor, http => new DnsService(http));
    /// </code>
    /// </example>
    public T GetOrCreateService<T>(ServiceDescriptor service, Func<HttpClient, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GetOrCreateService(service, (http, _) => factory(http));
    }

    /// <summary>
    /// Like <see cref="GetOrCreateService{T}(ServiceDescriptor, Func{HttpClient, T})"/>, for a service with
    /// microversions: the factory also gets the service's negotiator (the one its HttpClient sends the version of),
    /// so generated clients can refuse fields and actions the version lacks.
    /// </summary>
    /// <typeparam name="T">The service class; it is also the cache key.</typeparam>
    /// <param name="service">How the service is found in the catalog.</param>
    /// <param name="factory">Creates the service over its HttpClient and negotiator (null without microversions).</param>
    /// <returns>The cached service.</returns>
    public T GetOrCreateService<T>(ServiceDescriptor service, Func<HttpClient, OpenStack.Catalog.MicroversionNegotiator?, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(factory);
        Lazy<object> lazy = _extraServices.GetOrAdd(
            typeof(T),
            static (_, state) => new Lazy<object>(() => state.Factory(state.Client.CreateServiceHttpClient(state.Service), state.Client.CreateMicroversionNegotiator(state.Service)), LazyThreadSafetyMode.ExecutionAndPublication),
            (Client: this, Service: service, Factory: factory));
        return (T)lazy.Value;
    }
}
