using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenStack.DependencyInjection;

/// <summary>One cloud registered with AddOpenStack: its name, the name of its HttpClient, and where its options come from.</summary>
internal sealed class OpenStackCloudRegistration
{
    public OpenStackCloudRegistration(string name, Func<IServiceProvider, OpenStackClientOptions> options)
    {
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string HttpClientName => OpenStackServiceCollectionExtensions.HttpClientName(Name);

    public Func<IServiceProvider, OpenStackClientOptions> Options { get; }
}

/// <summary>Connects each registered cloud once and keeps its client for the container's lifetime.</summary>
internal sealed class OpenStackClientFactory : IOpenStackClientFactory, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, OpenStackCloudRegistration> _registrations;
    private readonly ConcurrentDictionary<string, Lazy<OpenStackClientOptions>> _options = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<OpenStackClient>>> _clients = new(StringComparer.Ordinal);
    private int _disposed;

    public OpenStackClientFactory(IServiceProvider services, IEnumerable<OpenStackCloudRegistration> registrations)
    {
        _services = services;
        _registrations = new Dictionary<string, OpenStackCloudRegistration>(StringComparer.Ordinal);
        foreach (OpenStackCloudRegistration registration in registrations)
        {
            _registrations[registration.Name] = registration;
        }
    }

    public IReadOnlyCollection<string> Names => _registrations.Keys;

    public OpenStackClient GetClient(string name = "") =>
        GetClientAsync(name, CancellationToken.None).GetAwaiter().GetResult();

    public Task<OpenStackClient> GetClientAsync(string name = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        OpenStackCloudRegistration registration = Registration(name);
        Lazy<Task<OpenStackClient>> lazy = _clients.GetOrAdd(
            name,
            static (_, state) => new Lazy<Task<OpenStackClient>>(() => state.Self.ConnectAsync(state.Registration), LazyThreadSafetyMode.ExecutionAndPublication),
            (Self: this, Registration: registration));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>The options of a cloud, read once: the primary handler (TLS settings) and the connection share them.</summary>
    internal OpenStackClientOptions GetOptions(string name)
    {
        OpenStackCloudRegistration registration = Registration(name);
        return _options.GetOrAdd(
            name,
            static (_, state) => new Lazy<OpenStackClientOptions>(() => state.Self.CreateOptions(state.Registration), LazyThreadSafetyMode.ExecutionAndPublication),
            (Self: this, Registration: registration)).Value;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (Lazy<Task<OpenStackClient>> client in _clients.Values.Where(c => c.IsValueCreated))
        {
            if (client.Value.IsCompletedSuccessfully)
            {
                client.Value.Result.Dispose();
            }
        }
    }

    private OpenStackCloudRegistration Registration(string name) =>
        _registrations.TryGetValue(name, out OpenStackCloudRegistration? registration)
            ? registration
            : throw new InvalidOperationException(
                $"No OpenStack cloud named '{name}' is registered; registered: {(_registrations.Count == 0 ? "none" : string.Join(", ", _registrations.Keys.Select(k => k.Length == 0 ? "\"\" (unnamed)" : k)))}. " +
                "Register it with services.AddOpenStack(name, …).");

    private OpenStackClientOptions CreateOptions(OpenStackCloudRegistration registration)
    {
        OpenStackClientOptions options = registration.Options(_services)
            ?? throw new InvalidOperationException($"The options factory of OpenStack cloud '{registration.Name}' returned null.");
        options.LoggerFactory ??= _services.GetService<ILoggerFactory>();

        // A transport set in code wins; otherwise requests go through IHttpClientFactory's handlers for this cloud.
        options.Transport ??= new HttpClientFactoryTransport(_services.GetRequiredService<IHttpMessageHandlerFactory>(), registration.HttpClientName);
        return options;
    }

    private async Task<OpenStackClient> ConnectAsync(OpenStackCloudRegistration registration)
    {
        try
        {
            // Not tied to one caller's token: other callers may be waiting for the same connection.
            return await OpenStackClient.ConnectAsync(GetOptions(registration.Name), CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // The next caller tries again (a cloud that was down at start-up, a fixed secret): failures are not cached.
            _clients.TryRemove(registration.Name, out _);
            _options.TryRemove(registration.Name, out _);
            throw;
        }
    }
}
